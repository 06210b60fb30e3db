// ChapterTimeline: the current chapter, chapter ends, previous/next, artwork and links, with
// listed and hidden (toc: false) chapters.

#include "core/chapters/chaptertimeline.h"

#include <QtTest>

using namespace sidecast;

namespace {

Chapter chapter(double start, const char *title, double end = -1, bool toc = true,
                const char *image = nullptr, const char *url = nullptr)
{
    Chapter c;
    c.startSecs = start;
    c.endSecs = end;
    c.title = QString::fromUtf8(title);
    c.toc = toc;
    if (image)
        c.imageUrl = QUrl(QString::fromUtf8(image));
    if (url)
        c.url = QUrl(QString::fromUtf8(url));
    return c;
}

// Given out of order on purpose:
//   A  0 s            listed, image a.jpg
//   B  60 s           listed, link b.html
//   H  90–100 s       hidden, image ad.jpg, link ad.html
//   C  120–150 s      listed (its own end leaves a gap until D)
//   D  200.5 s        listed, image d.jpg
//   K  250 s          hidden, image k.jpg (lasts to the end)
// Duration 300 s.
ChapterTimeline sample()
{
    return ChapterTimeline(
        {chapter(120, "C", 150), chapter(0, "A", -1, true, "https://x.test/a.jpg"),
         chapter(60, "B", -1, true, nullptr, "https://x.test/b.html"),
         chapter(90, "H", 100, false, "https://x.test/ad.jpg", "https://x.test/ad.html"),
         chapter(200.5, "D", -1, true, "https://x.test/d.jpg"),
         chapter(250, "K", -1, false, "https://x.test/k.jpg")},
        300000);
}

QString titleOf(const ChapterTimeline &t, int index)
{
    return index < 0 ? QStringLiteral("-") : t.chapters().at(index).title;
}

} // namespace

class TestChapterTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sortsAndLists()
    {
        const ChapterTimeline t = sample();
        QStringList titles;
        for (const Chapter &c : t.chapters())
            titles << c.title;
        QCOMPARE(titles,
                 (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("H"),
                              QStringLiteral("C"), QStringLiteral("D"), QStringLiteral("K")}));
        QCOMPARE(t.listed(), (QList<int>{0, 1, 3, 4}));
        QCOMPARE(t.startMs(4), 200500);
    }

    void ends()
    {
        const ChapterTimeline t = sample();
        QCOMPARE(t.endMs(0), 60000);  // A: B starts
        QCOMPARE(t.endMs(1), 120000); // B: the next *listed* chapter, across H
        QCOMPARE(t.endMs(2), 100000); // H: its own end
        QCOMPARE(t.endMs(3), 150000); // C: its own end
        QCOMPARE(t.endMs(4), 300000); // D: the episode's end, across K
        QCOMPARE(t.endMs(5), 300000);
        QCOMPARE(t.endMs(6), -1);
        ChapterTimeline unknown({chapter(0, "A"), chapter(10, "B")});
        QCOMPARE(unknown.endMs(1), -1);
        unknown.setDurationMs(20000);
        QCOMPARE(unknown.endMs(1), 20000);
    }

    void listedIndexAt_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("listed");
        QTest::addColumn<QString>("hidden");
        QTest::newRow("start") << qint64(0) << "A"
                               << "-";
        QTest::newRow("end of A") << qint64(59999) << "A"
                                  << "-";
        QTest::newRow("B") << qint64(60000) << "B"
                           << "-";
        QTest::newRow("B under H") << qint64(95000) << "B"
                                   << "H";
        QTest::newRow("H has ended, B goes on") << qint64(100000) << "B"
                                                << "-";
        QTest::newRow("C") << qint64(149999) << "C"
                           << "-";
        QTest::newRow("gap after C's own end") << qint64(150000) << "-"
                                               << "-";
        QTest::newRow("just before D") << qint64(200499) << "-"
                                       << "-";
        QTest::newRow("D") << qint64(200500) << "D"
                           << "-";
        QTest::newRow("D under K to the end") << qint64(299000) << "D"
                                              << "K";
    }

    void listedIndexAt()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, listed);
        QFETCH(QString, hidden);
        const ChapterTimeline t = sample();
        QCOMPARE(titleOf(t, t.listedIndexAt(ms)), listed);
        QCOMPARE(titleOf(t, t.hiddenIndexAt(ms)), hidden);
    }

    void beforeTheFirstChapter()
    {
        const ChapterTimeline t({chapter(30, "A"), chapter(60, "B")}, 90000);
        QCOMPARE(t.listedIndexAt(29999), -1);
        QCOMPARE(t.chapterEndMs(10000), 30000);
        QCOMPARE(t.nextTarget(10000), 30000);
        QCOMPARE(t.previousTarget(10000), 0);
        QCOMPARE(t.previousTarget(31000), 0); // near the first chapter's start: the episode's
    }

    void artworkAndLinks()
    {
        const ChapterTimeline t = sample();
        QCOMPARE(t.imageAt(1000), QUrl(QStringLiteral("https://x.test/a.jpg")));
        QCOMPARE(t.imageAt(61000), QUrl()); // B has none: the episode's cover
        QCOMPARE(t.linkAt(61000), QUrl(QStringLiteral("https://x.test/b.html")));
        QCOMPARE(t.imageAt(90000), QUrl(QStringLiteral("https://x.test/ad.jpg")));
        QCOMPARE(t.linkAt(90000), QUrl(QStringLiteral("https://x.test/ad.html")));
        QCOMPARE(t.imageAt(100000), QUrl()); // back to B
        QCOMPARE(t.linkAt(100000), QUrl(QStringLiteral("https://x.test/b.html")));
        QCOMPARE(t.imageAt(160000), QUrl()); // the gap
        QCOMPARE(t.imageAt(210000), QUrl(QStringLiteral("https://x.test/d.jpg")));
        QCOMPARE(t.imageAt(260000), QUrl(QStringLiteral("https://x.test/k.jpg")));
    }

    void hiddenWithoutImageKeepsTheListedOne()
    {
        const ChapterTimeline t({chapter(0, "A", -1, true, "https://x.test/a.jpg"),
                                 chapter(10, "H", -1, false, nullptr, "https://x.test/h.html"),
                                 chapter(20, "B")});
        QCOMPARE(t.imageAt(15000), QUrl(QStringLiteral("https://x.test/a.jpg")));
        QCOMPARE(t.linkAt(15000), QUrl(QStringLiteral("https://x.test/h.html")));
        QCOMPARE(t.imageAt(20000), QUrl()); // H ended where B started
    }

    void previous_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<qint64>("target");
        QTest::newRow("far into B: its start") << qint64(70000) << qint64(60000);
        QTest::newRow("3 s into B: the one before") << qint64(63000) << qint64(0);
        QTest::newRow("just past 3 s: B's start") << qint64(63001) << qint64(60000);
        QTest::newRow("in H, far into B: B") << qint64(95000) << qint64(60000);
        QTest::newRow("just short of C after a seek: B") << qint64(119800) << qint64(60000);
        QTest::newRow("in the gap after C: C's start") << qint64(170000) << qint64(120000);
        QTest::newRow("start of D: C") << qint64(201000) << qint64(120000);
        QTest::newRow("start of A: the episode's start") << qint64(1000) << qint64(0);
    }

    void previous()
    {
        QFETCH(qint64, ms);
        QFETCH(qint64, target);
        QCOMPARE(sample().previousTarget(ms), target);
    }

    void next_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<qint64>("target");
        QTest::newRow("from A") << qint64(0) << qint64(60000);
        QTest::newRow("hidden chapters are no stop") << qint64(61000) << qint64(120000);
        QTest::newRow("a seek that landed a little short") << qint64(119700) << qint64(200500);
        QTest::newRow("from the gap") << qint64(160000) << qint64(200500);
        QTest::newRow("in the last one: none") << qint64(210000) << qint64(-1);
    }

    void next()
    {
        QFETCH(qint64, ms);
        QFETCH(qint64, target);
        QCOMPARE(sample().nextTarget(ms), target);
    }

    void chapterEnd()
    {
        const ChapterTimeline t = sample();
        QCOMPARE(t.chapterEndMs(0), 60000);
        QCOMPARE(t.chapterEndMs(95000), 120000); // B, not H
        QCOMPARE(t.chapterEndMs(130000), 150000);
        QCOMPARE(t.chapterEndMs(170000), 200500); // the gap ends where D starts
        QCOMPARE(t.chapterEndMs(250000), 300000);
        QCOMPARE(ChapterTimeline({}, 5000).chapterEndMs(100), 5000);
        QCOMPARE(ChapterTimeline().chapterEndMs(100), -1);
    }

    void noListedChapters()
    {
        const ChapterTimeline t({chapter(0, "H", -1, false, "https://x.test/h.jpg")}, 10000);
        QVERIFY(t.listed().isEmpty());
        QCOMPARE(t.listedIndexAt(5000), -1);
        QCOMPARE(t.previousTarget(5000), -1);
        QCOMPARE(t.nextTarget(5000), -1);
        QCOMPARE(t.imageAt(5000), QUrl(QStringLiteral("https://x.test/h.jpg")));
        QCOMPARE(t.chapterEndMs(5000), 10000);
    }

    void millisecondsRound()
    {
        QCOMPARE(ChapterTimeline::toMs(168.5), 168500);
        QCOMPARE(ChapterTimeline::toMs(0.0015), 2);
        QCOMPARE(ChapterTimeline::toMs(86399.999), 86399999);
    }
};

QTEST_APPLESS_MAIN(TestChapterTimeline)
#include "tst_chaptertimeline.moc"
