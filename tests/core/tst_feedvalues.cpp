#include "core/feed/feedvalues.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sidecast;

Q_DECLARE_METATYPE(std::optional<bool>)

class TestFeedValues : public QObject
{
    Q_OBJECT

private slots:
    void explicitFlag_data();
    void explicitFlag();
    void yesNo_data();
    void yesNo();
    void positiveInteger_data();
    void positiveInteger();
    void positiveDecimal_data();
    void positiveDecimal();
    void length_data();
    void length();
    void mimeType_data();
    void mimeType();
    void types();
};

void TestFeedValues::explicitFlag_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<bool>>("value");
    QTest::newRow("true") << u"true"_s << std::optional<bool>(true);
    QTest::newRow("yes") << u"yes"_s << std::optional<bool>(true);
    QTest::newRow("explicit") << u"Explicit"_s << std::optional<bool>(true);
    QTest::newRow("false") << u"false"_s << std::optional<bool>(false);
    QTest::newRow("No, padded") << u"  No\n"_s << std::optional<bool>(false);
    QTest::newRow("clean") << u"clean"_s << std::optional<bool>(false);
    QTest::newRow("empty") << QString() << std::optional<bool>();
    QTest::newRow("garbage") << u"maybe"_s << std::optional<bool>();
}

void TestFeedValues::explicitFlag()
{
    QFETCH(QString, text);
    QFETCH(std::optional<bool>, value);
    QCOMPARE(feedvalues::parseExplicit(text), value);
}

void TestFeedValues::yesNo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<bool>>("value");
    QTest::newRow("yes") << u"yes"_s << std::optional<bool>(true);
    QTest::newRow("YES") << u" YES "_s << std::optional<bool>(true);
    QTest::newRow("no") << u"no"_s << std::optional<bool>(false);
    QTest::newRow("false") << u"false"_s << std::optional<bool>(false);
    QTest::newRow("clean is not a yes/no") << u"clean"_s << std::optional<bool>();
}

void TestFeedValues::yesNo()
{
    QFETCH(QString, text);
    QFETCH(std::optional<bool>, value);
    QCOMPARE(feedvalues::parseYesNo(text), value);
}

void TestFeedValues::positiveInteger_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("value");
    QTest::newRow("one") << u"1"_s << 1;
    QTest::newRow("padded") << u" 12 "_s << 12;
    QTest::newRow("zero") << u"0"_s << 0;
    QTest::newRow("negative") << u"-1"_s << 0;
    QTest::newRow("decimal") << u"2.5"_s << 0;
    QTest::newRow("word") << u"two"_s << 0;
    QTest::newRow("too long") << u"12345678901"_s << 0;
}

void TestFeedValues::positiveInteger()
{
    QFETCH(QString, text);
    QFETCH(int, value);
    QCOMPARE(feedvalues::parsePositiveInteger(text), value);
}

void TestFeedValues::positiveDecimal_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("value");
    QTest::newRow("whole") << u"12"_s << 12.0;
    QTest::newRow("fraction") << u"12.5"_s << 12.5;
    QTest::newRow("padded") << u" 3 "_s << 3.0;
    QTest::newRow("zero") << u"0"_s << 0.0;
    QTest::newRow("negative") << u"-1"_s << 0.0;
    QTest::newRow("two dots") << u"1.2.3"_s << 0.0;
    QTest::newRow("exponent") << u"1e3"_s << 0.0;
    QTest::newRow("empty") << QString() << 0.0;
}

void TestFeedValues::positiveDecimal()
{
    QFETCH(QString, text);
    QFETCH(double, value);
    QCOMPARE(feedvalues::parsePositiveDecimal(text), value);
}

void TestFeedValues::length_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("value");
    QTest::newRow("bytes") << u"123456"_s << qint64(123456);
    QTest::newRow("padded") << u" 42 "_s << qint64(42);
    QTest::newRow("over 4 GiB") << u"5000000000"_s << qint64(5000000000);
    QTest::newRow("zero is unknown") << u"0"_s << qint64(0);
    QTest::newRow("negative") << u"-1"_s << qint64(0);
    QTest::newRow("unit") << u"12MB"_s << qint64(0);
}

void TestFeedValues::length()
{
    QFETCH(QString, text);
    QFETCH(qint64, value);
    QCOMPARE(feedvalues::parseLength(text), value);
}

void TestFeedValues::mimeType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("type");
    QTest::newRow("plain") << u"audio/mpeg"_s << u"audio/mpeg"_s;
    QTest::newRow("case and spaces") << u" Audio/MPEG "_s << u"audio/mpeg"_s;
    QTest::newRow("parameters kept")
        << u"audio/mp4; codecs=\"mp4a.40.2\""_s << u"audio/mp4; codecs=\"mp4a.40.2\""_s;
    QTest::newRow("no slash") << u"mp3"_s << QString();
    QTest::newRow("no subtype") << u"audio/"_s << QString();
    QTest::newRow("no type") << u"/mpeg"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestFeedValues::mimeType()
{
    QFETCH(QString, text);
    QFETCH(QString, type);
    QCOMPARE(feedvalues::normalizeMimeType(text), type);
}

void TestFeedValues::types()
{
    QCOMPARE(feedvalues::parseEpisodeType(u" Trailer "_s), u"trailer"_s);
    QCOMPARE(feedvalues::parseEpisodeType(u"full"_s), u"full"_s);
    QCOMPARE(feedvalues::parseEpisodeType(u"BONUS"_s), u"bonus"_s);
    QCOMPARE(feedvalues::parseEpisodeType(u"russkie_vpered"_s), QString());
    QCOMPARE(feedvalues::parseShowType(u"Serial"_s), u"serial"_s);
    QCOMPARE(feedvalues::parseShowType(u"episodic"_s), u"episodic"_s);
    QCOMPARE(feedvalues::parseShowType(u"bogus"_s), QString());
}

QTEST_GUILESS_MAIN(TestFeedValues)
#include "tst_feedvalues.moc"
