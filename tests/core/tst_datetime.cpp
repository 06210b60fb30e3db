#include "core/time/datetime.h"

#include <QTest>

using namespace Qt::StringLiterals;

using sidecast::timeutil::parseFeedDate;

class TestDateTime : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void resultIsUtc();
    void neverTheCurrentTime();
};

void TestDateTime::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // ISO 8601 in UTC; empty means invalid

    // RFC 822 / 2822 as RSS uses it.
    QTest::newRow("rfc822 gmt") << u"Tue, 05 Mar 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("rfc822 positive offset")
        << u"Tue, 05 Mar 2024 10:30:00 +0100"_s << u"2024-03-05T09:30:00Z"_s;
    QTest::newRow("rfc822 negative offset")
        << u"Tue, 05 Mar 2024 10:30:00 -0530"_s << u"2024-03-05T16:00:00Z"_s;
    QTest::newRow("offset crosses midnight")
        << u"Fri, 01 Mar 2024 23:30:00 -0100"_s << u"2024-03-02T00:30:00Z"_s;
    QTest::newRow("offset crosses year")
        << u"Mon, 01 Jan 2024 00:15:00 +0100"_s << u"2023-12-31T23:15:00Z"_s;
    QTest::newRow("no weekday") << u"05 Mar 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("single-digit day")
        << u"Tue, 5 Mar 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("no seconds") << u"Tue, 05 Mar 2024 10:30 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("two-digit year 2000s")
        << u"Tue, 05 Mar 24 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("two-digit year 1900s")
        << u"Sun, 05 Mar 95 10:30:00 GMT"_s << u"1995-03-05T10:30:00Z"_s;
    QTest::newRow("UT") << u"Tue, 05 Mar 2024 10:30:00 UT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("UTC") << u"Tue, 05 Mar 2024 10:30:00 UTC"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("Z") << u"Tue, 05 Mar 2024 10:30:00 Z"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("EST") << u"Tue, 05 Mar 2024 10:30:00 EST"_s << u"2024-03-05T15:30:00Z"_s;
    QTest::newRow("EDT") << u"Tue, 05 Mar 2024 10:30:00 EDT"_s << u"2024-03-05T14:30:00Z"_s;
    QTest::newRow("CST") << u"Tue, 05 Mar 2024 10:30:00 CST"_s << u"2024-03-05T16:30:00Z"_s;
    QTest::newRow("CDT") << u"Tue, 05 Mar 2024 10:30:00 CDT"_s << u"2024-03-05T15:30:00Z"_s;
    QTest::newRow("MST") << u"Tue, 05 Mar 2024 10:30:00 MST"_s << u"2024-03-05T17:30:00Z"_s;
    QTest::newRow("MDT") << u"Tue, 05 Mar 2024 10:30:00 MDT"_s << u"2024-03-05T16:30:00Z"_s;
    QTest::newRow("PST") << u"Tue, 05 Mar 2024 10:30:00 PST"_s << u"2024-03-05T18:30:00Z"_s;
    QTest::newRow("PDT") << u"Tue, 05 Mar 2024 10:30:00 PDT"_s << u"2024-03-05T17:30:00Z"_s;
    QTest::newRow("lower-case zone")
        << u"Tue, 05 Mar 2024 10:30:00 pdt"_s << u"2024-03-05T17:30:00Z"_s;
    QTest::newRow("no zone means UTC")
        << u"Tue, 05 Mar 2024 10:30:00"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("unknown short zone counts as UTC")
        << u"Tue, 05 Mar 2024 10:30:00 XYZ"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("trailing (UTC) comment")
        << u"Tue, 05 Mar 2024 10:30:00 +0000 (UTC)"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("long trailing comment")
        << u"Tue, 05 Mar 2024 10:30:00 GMT (Coordinated Universal Time)"_s
        << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("extra spaces") << u"  Tue,  05   Mar  2024   10:30:00   GMT  "_s
                                  << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("no space after comma")
        << u"Tue,05 Mar 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("full weekday and month")
        << u"Tuesday, 05 March 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("Sept") << u"Thu, 05 Sept 2024 10:30:00 GMT"_s << u"2024-09-05T10:30:00Z"_s;
    QTest::newRow("upper-case names")
        << u"TUE, 05 MAR 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("offset with colon")
        << u"Tue, 05 Mar 2024 10:30:00 +01:00"_s << u"2024-03-05T09:30:00Z"_s;
    QTest::newRow("GMT plus offset")
        << u"Tue, 05 Mar 2024 10:30:00 GMT+0200"_s << u"2024-03-05T08:30:00Z"_s;
    QTest::newRow("dashed date") << u"05-Mar-2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("month first") << u"Mar 5, 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("ctime") << u"Tue Mar  5 10:30:00 2024"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("date only") << u"Tue, 05 Mar 2024"_s << u"2024-03-05T00:00:00Z"_s;
    QTest::newRow("leap day") << u"Thu, 29 Feb 2024 12:00:00 GMT"_s << u"2024-02-29T12:00:00Z"_s;
    QTest::newRow("wrong weekday is ignored")
        << u"Mon, 05 Mar 2024 10:30:00 GMT"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("before the epoch")
        << u"Fri, 13 Dec 1901 20:45:52 GMT"_s << u"1901-12-13T20:45:52Z"_s;

    // ISO 8601 / RFC 3339 as Atom and Dublin Core use it.
    QTest::newRow("iso zulu") << u"2024-03-05T10:30:00Z"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("iso lower-case t and z")
        << u"2024-03-05t10:30:00z"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("iso offset") << u"2024-03-05T10:30:00+01:00"_s << u"2024-03-05T09:30:00Z"_s;
    QTest::newRow("iso negative offset")
        << u"2024-03-05T10:30:00-08:00"_s << u"2024-03-05T18:30:00Z"_s;
    QTest::newRow("iso offset without colon")
        << u"2024-03-05T10:30:00+0100"_s << u"2024-03-05T09:30:00Z"_s;
    QTest::newRow("iso hour-only offset")
        << u"2024-03-05T10:30:00+02"_s << u"2024-03-05T08:30:00Z"_s;
    QTest::newRow("iso no zone means UTC") << u"2024-03-05T10:30:00"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("iso milliseconds")
        << u"2024-03-05T10:30:00.250Z"_s << u"2024-03-05T10:30:00.250Z"_s;
    QTest::newRow("iso long fraction")
        << u"2024-03-05T10:30:00.123456789+00:00"_s << u"2024-03-05T10:30:00.123Z"_s;
    QTest::newRow("iso one fraction digit")
        << u"2024-03-05T10:30:00.5Z"_s << u"2024-03-05T10:30:00.500Z"_s;
    QTest::newRow("iso no seconds") << u"2024-03-05T10:30Z"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("iso space separator") << u"2024-03-05 10:30:00"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("iso space before zone")
        << u"2024-03-05 10:30:00 +0000"_s << u"2024-03-05T10:30:00Z"_s;
    QTest::newRow("iso named zone") << u"2024-03-05 10:30:00 EST"_s << u"2024-03-05T15:30:00Z"_s;
    QTest::newRow("iso date only") << u"2024-03-05"_s << u"2024-03-05T00:00:00Z"_s;

    // Garbage: invalid, never a guess.
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("spaces") << u"    "_s << QString();
    QTest::newRow("words") << u"not a date at all"_s << QString();
    QTest::newRow("unknown month") << u"Tue, 05 Foo 2024 10:30:00 GMT"_s << QString();
    QTest::newRow("day out of range") << u"Tue, 32 Mar 2024 10:30:00 GMT"_s << QString();
    QTest::newRow("29 Feb in a common year") << u"Thu, 29 Feb 2023 10:30:00 GMT"_s << QString();
    QTest::newRow("hour out of range") << u"Tue, 05 Mar 2024 25:30:00 GMT"_s << QString();
    QTest::newRow("minute out of range") << u"Tue, 05 Mar 2024 10:60:00 GMT"_s << QString();
    QTest::newRow("bad offset") << u"Tue, 05 Mar 2024 10:30:00 +9999"_s << QString();
    QTest::newRow("trailing junk") << u"Tue, 05 Mar 2024 10:30:00 GMT and then some"_s << QString();
    QTest::newRow("long word as zone") << u"Tue, 05 Mar 2024 10:30:00 Tomorrow"_s << QString();
    QTest::newRow("missing year") << u"Tue, 05 Mar 10:30:00 GMT"_s << QString();
    QTest::newRow("iso month 13") << u"2024-13-05T10:30:00Z"_s << QString();
    QTest::newRow("iso day 0") << u"2024-03-00T10:30:00Z"_s << QString();
    QTest::newRow("iso bad separator") << u"2024-03-05X10:30:00Z"_s << QString();
    QTest::newRow("iso truncated time") << u"2024-03-05T10"_s << QString();
    QTest::newRow("iso trailing junk") << u"2024-03-05T10:30:00Zjunk"_s << QString();
    QTest::newRow("unix timestamp") << u"1709634600"_s << QString();
    QTest::newRow("slashes") << u"05/03/2024"_s << QString();
    QTest::newRow("localized names") << u"Di, 05 Mär 2024 10:30:00 +0100"_s << QString();
}

void TestDateTime::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QDateTime parsed = parseFeedDate(text);
    if (expected.isEmpty()) {
        QVERIFY2(!parsed.isValid(), qPrintable(parsed.toString(Qt::ISODateWithMs)));
        return;
    }
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.toString(Qt::ISODateWithMs),
             QDateTime::fromString(expected, Qt::ISODateWithMs).toString(Qt::ISODateWithMs));
}

void TestDateTime::resultIsUtc()
{
    for (const QString &text :
         {u"Tue, 05 Mar 2024 10:30:00 +0100"_s, u"2024-03-05T10:30:00-07:00"_s}) {
        const QDateTime parsed = parseFeedDate(text);
        QVERIFY(parsed.isValid());
        QCOMPARE(parsed.offsetFromUtc(), 0);
        QVERIFY(parsed.toString(Qt::ISODate).endsWith(u'Z'));
    }
}

void TestDateTime::neverTheCurrentTime()
{
    // An unreadable date must not turn into "now": that would reorder a whole feed.
    const QDateTime parsed = parseFeedDate(u"yesterday");
    QVERIFY(!parsed.isValid());
    QVERIFY(parsed.isNull());
}

QTEST_GUILESS_MAIN(TestDateTime)
#include "tst_datetime.moc"
