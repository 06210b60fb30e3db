#include "core/time/duration.h"

#include <QTest>

using namespace Qt::StringLiterals;

using sidecast::timeutil::formatDuration;
using sidecast::timeutil::parseClockTime;
using sidecast::timeutil::parseDuration;

class TestDuration : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void clockTime_data();
    void clockTime();
    void format_data();
    void format();
    void roundTrip();
};

void TestDuration::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("plain seconds") << u"737"_s << qint64(737);
    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("MM:SS") << u"12:17"_s << qint64(737);
    QTest::newRow("M:SS") << u"2:05"_s << qint64(125);
    QTest::newRow("H:MM:SS") << u"1:02:03"_s << qint64(3723);
    QTest::newRow("HH:MM:SS") << u"01:02:03"_s << qint64(3723);
    QTest::newRow("zero hours") << u"00:20:00"_s << qint64(1200);
    QTest::newRow("minutes over 59") << u"75:30"_s << qint64(4530);
    QTest::newRow("many hours") << u"100:00:00"_s << qint64(360000);
    QTest::newRow("fractional seconds") << u"737.9"_s << qint64(737);
    QTest::newRow("fraction after MM:SS") << u"12:17.5"_s << qint64(737);
    QTest::newRow("fraction after H:MM:SS") << u"1:02:03.999"_s << qint64(3723);
    QTest::newRow("surrounding whitespace") << u"  12:17 \n"_s << qint64(737);
    QTest::newRow("single digits") << u"1:2:3"_s << qint64(3723);
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("blank") << u"   "_s << qint64(0);
    QTest::newRow("negative") << u"-5"_s << qint64(0);
    QTest::newRow("negative field") << u"12:-17"_s << qint64(0);
    QTest::newRow("words") << u"about an hour"_s << qint64(0);
    QTest::newRow("unit suffix") << u"45 min"_s << qint64(0);
    QTest::newRow("four fields") << u"1:02:03:04"_s << qint64(0);
    QTest::newRow("empty field") << u"1::03"_s << qint64(0);
    QTest::newRow("trailing colon") << u"12:"_s << qint64(0);
    QTest::newRow("leading colon") << u":30"_s << qint64(0);
    QTest::newRow("garbage fraction") << u"12.3x"_s << qint64(0);
    QTest::newRow("absurdly long") << u"99999999999999999999"_s << qint64(0);
}

void TestDuration::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QCOMPARE(parseDuration(text), seconds);
}

// Chapter starts and soundbite times: the same shapes, with the fraction kept; -1 for garbage.
void TestDuration::clockTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds");

    QTest::newRow("zero") << u"0"_s << 0.0;
    QTest::newRow("seconds") << u"01"_s << 1.0;
    QTest::newRow("decimal seconds") << u"73.5"_s << 73.5;
    QTest::newRow("M:SS") << u"01:02"_s << 62.0;
    QTest::newRow("H:MM:SS") << u"01:02:03"_s << 3723.0;
    QTest::newRow("H:MM:SS.mmm") << u"01:02:03.400"_s << 3723.4;
    QTest::newRow("podlove zero") << u"00:00:00.000"_s << 0.0;
    QTest::newRow("minutes over 59") << u"75:30.25"_s << 4530.25;
    QTest::newRow("whitespace") << u" 5 "_s << 5.0;
    QTest::newRow("empty") << QString() << -1.0;
    QTest::newRow("negative") << u"-3"_s << -1.0;
    QTest::newRow("words") << u"later"_s << -1.0;
    QTest::newRow("trailing dot garbage") << u"1.2.3"_s << -1.0;
}

void TestDuration::clockTime()
{
    QFETCH(QString, text);
    QFETCH(double, seconds);
    QCOMPARE(parseClockTime(text), seconds);
}

void TestDuration::format_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << u"0:00"_s;
    QTest::newRow("seconds only") << qint64(7) << u"0:07"_s;
    QTest::newRow("just under a minute") << qint64(59) << u"0:59"_s;
    QTest::newRow("a minute") << qint64(60) << u"1:00"_s;
    QTest::newRow("header example") << qint64(737) << u"12:17"_s;
    QTest::newRow("just under an hour") << qint64(3599) << u"59:59"_s;
    QTest::newRow("an hour") << qint64(3600) << u"1:00:00"_s;
    QTest::newRow("hours padded") << qint64(3723) << u"1:02:03"_s;
    QTest::newRow("many hours") << qint64(360000 + 61) << u"100:01:01"_s;
    QTest::newRow("negative") << qint64(-5) << u"0:00"_s;
}

void TestDuration::format()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(seconds), text);
}

void TestDuration::roundTrip()
{
    for (const qint64 seconds : {qint64(0), qint64(1), qint64(737), qint64(3723), qint64(86399)})
        QCOMPARE(parseDuration(formatDuration(seconds)), seconds);
}

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
