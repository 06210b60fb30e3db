// NoteChapters: chapters from the timestamps in show notes, only when they look like a list.

#include "core/chapters/notechapters.h"

#include <QtTest>

using namespace sidecast;

namespace {

QStringList describe(const QList<Chapter> &chapters) // "SECONDS TITLE"
{
    QStringList out;
    for (const Chapter &c : chapters) {
        out << QString::number(c.startSecs) + u' ' + c.title;
    }
    return out;
}

} // namespace

class TestNoteChapters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromNotes_data()
    {
        QTest::addColumn<QString>("notes");
        QTest::addColumn<qint64>("durationSecs");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("the demo's Websockets notes: one range is not a list")
            << QStringLiteral("<h3>WebSockets in Rust</h3><h3>Introduction [00:00-00:45]</h3>"
                              "<ul><li>WebSockets vs HTTP</li></ul>")
            << qint64(32) << QStringList();
        QTest::newRow("a chapter list")
            << QStringLiteral("<p>Chapters:</p><ul><li>00:00 Intro</li><li>05:12 \u2013 Topic one"
                              "</li><li>(1:02:03) | Outro</li></ul><p>Thanks!</p>")
            << qint64(4000)
            << QStringList{QStringLiteral("0 Intro"), QStringLiteral("312 Topic one"),
                           QStringLiteral("3723 Outro")};
        QTest::newRow("range ends are not starts")
            << QStringLiteral("Intro [00:00-05:00]\nMain [05:00-20:00]\nOutro [20:00-25:00]")
            << qint64(1500)
            << QStringList{QStringLiteral("0 Intro"), QStringLiteral("300 Main"),
                           QStringLiteral("1200 Outro")};
        QTest::newRow("a time that goes back is a reference")
            << QStringLiteral("00:00 Intro\n10:00 Main topic\nAs we said at 05:00, it works.\n"
                              "20:00 Outro")
            << qint64(0)
            << QStringList{QStringLiteral("0 Intro"), QStringLiteral("600 Main topic"),
                           QStringLiteral("1200 Outro")};
        QTest::newRow("a repeated time is dropped")
            << QStringLiteral("00:00 Intro\n10:00 News\n10:00 More news\n15:00 End") << qint64(0)
            << QStringList{QStringLiteral("0 Intro"), QStringLiteral("600 News"),
                           QStringLiteral("900 End")};
        QTest::newRow("times past the end refer to something else")
            << QStringLiteral("00:00 Intro\n15:00 Main\nLast week's episode at 1:02:03 and 45:00")
            << qint64(1800) << QStringList{QStringLiteral("0 Intro"), QStringLiteral("900 Main")};
        QTest::newRow("a time exactly at the end is past it")
            << QStringLiteral("00:00 Intro\n30:00 Bye") << qint64(1800) << QStringList();
        QTest::newRow("without a duration every increasing time counts")
            << QStringLiteral("00:00 Intro\n15:00 Main\n1:02:03 Outro") << qint64(0)
            << QStringList{QStringLiteral("0 Intro"), QStringLiteral("900 Main"),
                           QStringLiteral("3723 Outro")};
        QTest::newRow("a single time is not a list")
            << QStringLiteral("<p>The good part starts at 12:30.</p>") << qint64(3600)
            << QStringList();
        QTest::newRow("the first chapter need not start at zero")
            << QStringLiteral("<li>02:00 Guest</li><li>30:00 Q&amp;A</li>") << qint64(3600)
            << QStringList{QStringLiteral("120 Guest"), QStringLiteral("1800 Q&A")};
        QTest::newRow("times without text make untitled chapters")
            << QStringLiteral("<li>00:00</li><li>10:00</li>") << qint64(0)
            << QStringList{QStringLiteral("0 "), QStringLiteral("600 ")};
        QTest::newRow("several on one line, labels after")
            << QStringLiteral("00:00 Intro 02:15 Guest intro 10:30 Main topic") << qint64(0)
            << QStringList{QStringLiteral("0 Intro"), QStringLiteral("135 Guest intro"),
                           QStringLiteral("630 Main topic")};
        QTest::newRow("no timestamps")
            << QStringLiteral("Nothing here, 16:9, 10:30 pm") << qint64(0) << QStringList();
        QTest::newRow("empty notes") << QString() << qint64(0) << QStringList();
    }

    void fromNotes()
    {
        QFETCH(QString, notes);
        QFETCH(qint64, durationSecs);
        QFETCH(QStringList, expected);
        const QList<Chapter> chapters = NoteChapters::fromNotes(notes, durationSecs);
        QCOMPARE(describe(chapters), expected);
        for (const Chapter &c : chapters) {
            QVERIFY(c.toc);
            QCOMPARE(c.endSecs, -1.0);
            QVERIFY(c.imageUrl.isEmpty() && c.url.isEmpty());
        }
    }

    void rangeEndsFromTimestamps()
    {
        const QList<NoteTimestamp> stamps = {{0, QStringLiteral("A"), false},
                                             {300, QStringLiteral("A"), true},
                                             {300, QStringLiteral("B"), false},
                                             {900, QStringLiteral("B"), true}};
        QCOMPARE(describe(NoteChapters::fromTimestamps(stamps)),
                 (QStringList{QStringLiteral("0 A"), QStringLiteral("300 B")}));
        // Only the ends would make a list: still none.
        const QList<NoteTimestamp> onlyEnds = {{0, QStringLiteral("A"), false},
                                               {300, QStringLiteral("A"), true},
                                               {600, QStringLiteral("B"), true}};
        QVERIFY(NoteChapters::fromTimestamps(onlyEnds).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestNoteChapters)
#include "tst_notechapters.moc"
