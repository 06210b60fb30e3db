#include "core/feed/feedencoding.h"

#include <QStringEncoder>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sidecast;

class TestFeedEncoding : public QObject
{
    Q_OBJECT

private slots:
    void charsetFromContentType_data();
    void charsetFromContentType();
    void declaredEncoding_data();
    void declaredEncoding();
    void canonicalName_data();
    void canonicalName();
    void decide_data();
    void decide();
    void toUtf8KeepsLines();
    void readerMatchesToUtf8_data();
    void readerMatchesToUtf8();
};

void TestFeedEncoding::charsetFromContentType_data()
{
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QByteArray>("charset");
    QTest::newRow("plain") << u"text/xml; charset=ISO-8859-1"_s << QByteArray("iso-8859-1");
    QTest::newRow("quoted") << u"application/rss+xml;charset=\"UTF-8\""_s << QByteArray("utf-8");
    QTest::newRow("spaces and case")
        << u"text/xml ; Charset = windows-1252 ; x=y"_s << QByteArray("windows-1252");
    QTest::newRow("none") << u"application/rss+xml"_s << QByteArray();
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestFeedEncoding::charsetFromContentType()
{
    QFETCH(QString, contentType);
    QFETCH(QByteArray, charset);
    QCOMPARE(feedencoding::charsetFromContentType(contentType), charset);
}

void TestFeedEncoding::declaredEncoding_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("encoding");
    QTest::newRow("double quotes")
        << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>") << QByteArray("utf-8");
    QTest::newRow("single quotes, spaces")
        << QByteArray("<?xml version='1.0' encoding = 'ISO-8859-1' ?>") << QByteArray("iso-8859-1");
    QTest::newRow("after a utf-8 bom")
        << QByteArray("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        << QByteArray("utf-8");
    QTest::newRow("no encoding") << QByteArray("<?xml version=\"1.0\"?><a/>") << QByteArray();
    QTest::newRow("no declaration") << QByteArray("<rss/>") << QByteArray();
    QTest::newRow("not at the start")
        << QByteArray(" <?xml version=\"1.0\" encoding=\"x\"?>") << QByteArray();
}

void TestFeedEncoding::declaredEncoding()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, encoding);
    QCOMPARE(feedencoding::declaredEncoding(data), encoding);
}

void TestFeedEncoding::canonicalName_data()
{
    QTest::addColumn<QByteArray>("label");
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("utf8") << QByteArray("UTF8") << QByteArray("utf-8");
    QTest::newRow("latin1") << QByteArray("Latin1") << QByteArray("windows-1252");
    QTest::newRow("iso-8859-1") << QByteArray("ISO-8859-1") << QByteArray("windows-1252");
    QTest::newRow("us-ascii") << QByteArray("us-ascii") << QByteArray("windows-1252");
    QTest::newRow("cp1252") << QByteArray("cp1252") << QByteArray("windows-1252");
    QTest::newRow("other") << QByteArray("Shift_JIS") << QByteArray("shift_jis");
}

void TestFeedEncoding::canonicalName()
{
    QFETCH(QByteArray, label);
    QFETCH(QByteArray, name);
    QCOMPARE(feedencoding::canonicalName(label), name);
}

void TestFeedEncoding::decide_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("http");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<bool>("transcode");

    const QByteArray utf8 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><t>\xC3\xBC</t>";
    const QByteArray latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>\xFC</t>";
    QTest::newRow("utf-8 as is") << utf8 << QByteArray() << QByteArray("utf-8") << false;
    QTest::newRow("latin-1 label transcoded")
        << latin1 << QByteArray() << QByteArray("windows-1252") << true;
    QTest::newRow("utf-16 bom") << QByteArray("\xFF\xFE<\0r\0/\0>\0", 10) << QByteArray()
                                << QByteArray("utf-16le") << false;
    QTest::newRow("bom beats the declaration")
        << QByteArray("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>")
        << QByteArray() << QByteArray("utf-8") << true;
    QTest::newRow("http beats the declaration")
        << latin1 << QByteArray("koi8-r") << QByteArray("koi8-r") << true;
    QTest::newRow("http latin-1 loses to valid utf-8")
        << utf8 << QByteArray("iso-8859-1") << QByteArray("utf-8") << false;
    QTest::newRow("http utf-8 loses to invalid utf-8")
        << latin1 << QByteArray("utf-8") << QByteArray("windows-1252") << true;
    QTest::newRow("http agrees") << utf8 << QByteArray("utf-8") << QByteArray("utf-8") << false;
    QTest::newRow("unknown name read as utf-8")
        << QByteArray("<?xml version=\"1.0\" encoding=\"nonsense\"?><r/>") << QByteArray()
        << QByteArray("utf-8") << true;
    QTest::newRow("known name left to the reader")
        << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><r/>") << QByteArray()
        << QByteArray("iso-8859-15") << false;
}

void TestFeedEncoding::decide()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, http);
    QFETCH(QByteArray, encoding);
    QFETCH(bool, transcode);
    const feedencoding::Decision decision = feedencoding::decide(data, http);
    QCOMPARE(decision.encoding, encoding);
    QCOMPARE(decision.transcode, transcode);
}

void TestFeedEncoding::toUtf8KeepsLines()
{
    const QByteArray converted = feedencoding::toUtf8(
        "<?xml version=\"1.0\"\n encoding=\"ISO-8859-1\"?>\n<t>\xFC\x93</t>", "iso-8859-1");
    QCOMPARE(converted, QByteArray("\n\n<t>\xC3\xBC\xE2\x80\x9C</t>"));
    QVERIFY(feedencoding::toUtf8("<r/>", "no-such-encoding").isNull());
}

// The device converts 16 KiB at a time; multi-byte characters straddle those chunks.
void TestFeedEncoding::readerMatchesToUtf8_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("data");
    QString text = u"<?xml version=\"1.0\" encoding=\"x\"?>\n<r>"_s;
    while (text.size() < 50000)
        text += u"Grüße, “quotes” — ok. "_s;
    text += u"</r>"_s;
    QByteArray windows1252;
    for (const QChar c : std::as_const(text)) {
        const char16_t u = c.unicode();
        windows1252 += u == u'“' ? '\x93' : u == u'”' ? '\x94' : u == u'—' ? '\x97' : char(u);
    }
    QTest::newRow("windows-1252") << QByteArray("windows-1252") << windows1252;
    QTest::newRow("utf-8") << QByteArray("utf-8") << text.toUtf8();
    QStringEncoder shiftJis("Shift_JIS");
    QTest::newRow("shift_jis") << QByteArray("shift_jis")
                               << QByteArray(shiftJis(
                                      u"<r>"_s + QString(u"日本語のテキスト"_s).repeated(3000) +
                                      u"</r>"_s));
}

void TestFeedEncoding::readerMatchesToUtf8()
{
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, data);
    feedencoding::Utf8Reader reader(data, encoding);
    QVERIFY(reader.isValid());
    QByteArray read;
    char buffer[1000];
    for (qint64 n; (n = reader.read(buffer, sizeof buffer)) > 0;)
        read.append(buffer, n);
    QCOMPARE(read, feedencoding::toUtf8(data, encoding));
    QVERIFY(!read.contains("encoding="));
}

QTEST_GUILESS_MAIN(TestFeedEncoding)
#include "tst_feedencoding.moc"
