// OPML subscription lists: what real exports look like, what is skipped, and a writer whose output
// reads back the same.

#include "core/opml/opml.h"

#include <QXmlStreamReader>
#include <QtTest>

using namespace sidecast;

class TestOpml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void read_data()
    {
        QTest::addColumn<QByteArray>("opml");
        QTest::addColumn<QStringList>("urls");   // entries in order
        QTest::addColumn<QStringList>("titles"); // entries' titles
        QTest::addColumn<int>("skipped");

        QTest::newRow("flat 2.0")
            << QByteArray(
                   "<?xml version='1.0'?><opml version='2.0'><head><title>x</title></head><body>"
                   "<outline text='A' title='Show A' type='rss' xmlUrl='https://a.example/feed' "
                   "htmlUrl='https://a.example/'/>"
                   "<outline text='B' type='rss' xmlUrl='http://b.example/rss.xml'/>"
                   "</body></opml>")
            << QStringList{QStringLiteral("https://a.example/feed"),
                           QStringLiteral("http://b.example/rss.xml")}
            << QStringList{QStringLiteral("Show A"), QStringLiteral("B")} << 0;
        QTest::newRow("nested folders")
            << QByteArray(
                   "<opml version='1.0'><body><outline text='Tech'><outline text='Deep'><outline "
                   "text='C' xmlUrl='https://c.example/f'/></outline></outline>"
                   "<outline text='D' xmlUrl='https://d.example/f'/></body></opml>")
            << QStringList{QStringLiteral("https://c.example/f"),
                           QStringLiteral("https://d.example/f")}
            << QStringList{QStringLiteral("C"), QStringLiteral("D")} << 0;
        QTest::newRow("duplicates")
            << QByteArray(
                   "<opml version='2.0'><body><outline text='A' xmlUrl='https://a.example/feed'/>"
                   "<outline text='A again' xmlUrl='https://a.example/feed/'/><outline text='A3' "
                   "xmlUrl='https://a.example/feed'/></body></opml>")
            << QStringList{QStringLiteral("https://a.example/feed")}
            << QStringList{QStringLiteral("A")} << 2;
        QTest::newRow("invalid entries")
            << QByteArray("<opml version='2.0'><body><outline text='no url' type='rss'/><outline "
                          "text='ftp' xmlUrl='ftp://x.example/f'/>"
                          "<outline text='relative' xmlUrl='/feed.xml'/><outline text='ok' "
                          "xmlUrl='https://ok.example/f'/>"
                          "<outline text='folder only'/></body></opml>")
            << QStringList{QStringLiteral("https://ok.example/f")}
            << QStringList{QStringLiteral("ok")} << 3;
        QTest::newRow("attribute case and feed scheme")
            << QByteArray("<opml version='1.1'><body><outline TEXT='Upper' "
                          "xmlURL='feed://up.example/rss'/></body></opml>")
            << QStringList{QStringLiteral("https://up.example/rss")}
            << QStringList{QStringLiteral("Upper")} << 0;
        QTest::newRow("entities")
            << QByteArray("<opml version='2.0'><body><outline text='Tom &amp; Jerry' "
                          "xmlUrl='https://tj.example/f?a=1&amp;b=2'/></body></opml>")
            << QStringList{QStringLiteral("https://tj.example/f?a=1&b=2")}
            << QStringList{QStringLiteral("Tom & Jerry")} << 0;
        QTest::newRow("empty body") << QByteArray("<opml version='2.0'><head/><body/></opml>")
                                    << QStringList{} << QStringList{} << 0;
    }

    void read()
    {
        QFETCH(QByteArray, opml);
        QFETCH(QStringList, urls);
        QFETCH(QStringList, titles);
        QFETCH(int, skipped);
        const Opml::ReadResult r = Opml::read(opml);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QStringList gotUrls, gotTitles;
        for (const OpmlEntry &e : r.entries) {
            gotUrls << e.feedUrl.toString();
            gotTitles << e.title;
        }
        QCOMPARE(gotUrls, urls);
        QCOMPARE(gotTitles, titles);
        QCOMPARE(r.skipped.size(), skipped);
        for (const Opml::Skipped &s : r.skipped)
            QVERIFY(!s.reason.isEmpty());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not an OPML file");
        QTest::newRow("rss instead")
            << QByteArray("<rss><channel/></rss>") << QStringLiteral("<rss>");
        QTest::newRow("html") << QByteArray("<html><body>hi</body></html>")
                              << QStringLiteral("<html>");
        QTest::newRow("broken")
            << QByteArray("<opml><body><outline text=\"a\" xmlUrl=\"https://a/f\"></body></opml>")
            << QStringLiteral("not well-formed");
        QTest::newRow("truncated")
            << QByteArray("<opml><body><outline text=\"a\" xmlUrl=\"https://a.example/f\"/>")
            << QStringLiteral("ends too early");
    }

    void refusals()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, mentions);
        const Opml::ReadResult r = Opml::read(data);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
        QVERIFY(r.entries.isEmpty()); // nothing partially taken from a broken file
    }

    void writeIsValidOpml2AndReadsBack()
    {
        const QList<OpmlEntry> entries = {
            {QUrl(QStringLiteral("https://a.example/feed")), QStringLiteral("Show <A> & \"B\""),
             QUrl(QStringLiteral("https://a.example/"))},
            {QUrl(QStringLiteral("https://b.example/rss?x=1&y=2")), QStringLiteral("Bé"), QUrl()},
        };
        const QByteArray out = Opml::write(entries, QStringLiteral("My list"));
        QXmlStreamReader xml(out);
        int outlines = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("opml"))
                QCOMPARE(xml.attributes().value(QLatin1String("version")), QLatin1String("2.0"));
            if (xml.isStartElement() && xml.name() == QLatin1String("outline")) {
                ++outlines;
                const QXmlStreamAttributes a = xml.attributes();
                QCOMPARE(a.value(QLatin1String("type")), QLatin1String("rss"));
                QVERIFY(a.hasAttribute(QLatin1String("text")));
                QVERIFY(a.hasAttribute(QLatin1String("title")));
                QVERIFY(a.hasAttribute(QLatin1String("xmlUrl")));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(outlines, 2);
        const Opml::ReadResult back = Opml::read(out);
        QVERIFY(back.ok());
        QCOMPARE(back.entries, entries);
    }
};

QTEST_GUILESS_MAIN(TestOpml)
#include "tst_opml.moc"
