// JsonChapters: the Podcasting 2.0 JSON chapters format, with the junk real files contain.

#include "core/chapters/jsonchapters.h"

#include <QtTest>

using namespace sidecast;

namespace {

// "START[-END] TITLE [img=URL] [url=URL] [hidden]", one string a chapter.
QStringList describe(const QList<Chapter> &chapters)
{
    QStringList out;
    for (const Chapter &c : chapters) {
        QString s = QString::number(c.startSecs, 'g', 12);
        if (c.endSecs >= 0)
            s += u'-' + QString::number(c.endSecs, 'g', 12);
        s += u' ' + c.title;
        if (!c.imageUrl.isEmpty())
            s += QStringLiteral(" img=") + c.imageUrl.toString();
        if (!c.url.isEmpty())
            s += QStringLiteral(" url=") + c.url.toString();
        if (!c.toc)
            s += QStringLiteral(" hidden");
        out << s;
    }
    return out;
}

const QUrl kDocument(QStringLiteral("https://example.com/show/ep1/chapters.json"));

} // namespace

class TestJsonChapters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("error"); // a part of the message; empty when it must parse

        const auto ok = [](const char *name, const QByteArray &json, const QStringList &expected) {
            QTest::newRow(name) << json << expected << QString();
        };
        const auto fails = [](const char *name, const QByteArray &json, const char *error) {
            QTest::newRow(name) << json << QStringList() << QString::fromUtf8(error);
        };

        // One line a literal: moc (Qt 6.4) takes a "//" inside a multi-line raw string for a
        // comment.
        ok("the specification's example",
           R"j({"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"},)j"
           R"j({"startTime": 168.5, "title": "Memory safety", "img": "https://cdn.example.com/c2.jpg",)j"
           R"j("url": "https://example.com/rust", "toc": true, "endTime": 300}]})j",
           {QStringLiteral("0 Intro"),
            QStringLiteral("168.5-300 Memory safety img=https://cdn.example.com/c2.jpg"
                           " url=https://example.com/rust")});
        ok("only startTime is required", R"j({"chapters": [{"startTime": 12}]})j",
           {QStringLiteral("12 ")});
        ok("unsorted chapters are sorted by start",
           R"j({"chapters": [{"startTime": 600, "title": "C"}, {"startTime": 0, "title": "A"},
                             {"startTime": 90.25, "title": "B"}]})j",
           {QStringLiteral("0 A"), QStringLiteral("90.25 B"), QStringLiteral("600 C")});
        ok("negative start times are dropped",
           R"j({"chapters": [{"startTime": -5, "title": "Pre-roll"}, {"startTime": 0, "title": "A"}]})j",
           {QStringLiteral("0 A")});
        ok("a startTime of the wrong type or missing drops the chapter",
           R"j({"chapters": [{"startTime": "12", "title": "string"}, {"title": "none"},
                             {"startTime": null, "title": "null"}, {"startTime": true},
                             {"startTime": 30, "title": "kept"}]})j",
           {QStringLiteral("30 kept")});
        ok("optional fields of the wrong type are ignored",
           R"j({"chapters": [{"startTime": 1, "title": 5, "img": 3, "url": ["x"], "toc": "false",
                              "endTime": "60"}]})j",
           {QStringLiteral("1 ")});
        ok("toc false is kept but not listed",
           R"j({"chapters": [{"startTime": 0, "title": "A"},
                             {"startTime": 10, "img": "https://example.com/ad.png", "toc": false}]})j",
           {QStringLiteral("0 A"), QStringLiteral("10  img=https://example.com/ad.png hidden")});
        ok("an end before the start, or negative, is ignored",
           R"j({"chapters": [{"startTime": 50, "endTime": 40, "title": "A"},
                             {"startTime": 60, "endTime": -1, "title": "B"},
                             {"startTime": 70, "endTime": 70, "title": "C"}]})j",
           {QStringLiteral("50 A"), QStringLiteral("60 B"), QStringLiteral("70 C")});
        ok("relative links are resolved, unsafe ones dropped, data: images kept",
           R"j({"chapters": [{"startTime": 0, "img": "img/1.jpg", "url": "/about"},)j"
           R"j({"startTime": 1, "img": "javascript:alert(1)", "url": "file:///etc/passwd"},)j"
           R"j({"startTime": 2, "img": "data:image/png;base64,iVBORw0KGgo=", "url": "data:text/html,x"},)j"
           R"j({"startTime": 3, "img": "  https://example.com/3.jpg  ", "url": "ftp://example.com/"}]})j",
           {QStringLiteral("0  img=https://example.com/show/ep1/img/1.jpg"
                           " url=https://example.com/about"),
            QStringLiteral("1 "), QStringLiteral("2  img=data:image/png;base64,iVBORw0KGgo="),
            QStringLiteral("3  img=https://example.com/3.jpg")});
        ok("of chapters starting together the first is kept",
           R"j({"chapters": [{"startTime": 5, "title": "first"}, {"startTime": 0, "title": "A"},
                             {"startTime": 5, "title": "second"}]})j",
           {QStringLiteral("0 A"), QStringLiteral("5 first")});
        ok("entries that are not objects are skipped",
           R"j({"chapters": [1, null, "x", [], {"startTime": 0, "title": "A"}]})j",
           {QStringLiteral("0 A")});
        ok("an empty list has no chapters", R"j({"version": "1.2.0", "chapters": []})j", {});
        ok("location and unknown fields are ignored; titles are trimmed",
           R"j({"author": "x", "chapters": [{"startTime": 0, "title": "  Intro \n  and\tnews ",
                "location": {"name": "Austin", "geo": "geo:30.2672,97.7431"}, "extra": 1}]})j",
           {QStringLiteral("0 Intro and news")});
        ok("a byte order mark is skipped", "\xEF\xBB\xBF{\"chapters\": [{\"startTime\": 0}]}",
           {QStringLiteral("0 ")});
        ok("large and fractional times",
           R"j({"chapters": [{"startTime": 0.001}, {"startTime": 86399.999, "title": "late"}]})j",
           {QStringLiteral("0.001 "), QStringLiteral("86399.999 late")});
        ok("non-ASCII titles",
           R"j({"chapters": [{"startTime": 0, "title": "Grüße – \u00e9t\u00e9 🎧"}]})j",
           {QString::fromUtf8("0 Grüße – été 🎧")});

        fails("broken JSON", R"j({"chapters": [{"startTime": 0,]})j", "not valid JSON");
        fails("empty document", "", "not valid JSON");
        fails("an HTML error page", "<html><body>Not Found</body></html>", "not valid JSON");
        fails("a list at the top", R"j([{"startTime": 0}])j", "no list of chapters");
        fails("chapters is not a list", R"j({"chapters": {"startTime": 0}})j",
              "no list of chapters");
        fails("no chapters at all", R"j({"version": "1.2.0"})j", "no list of chapters");
    }

    void parse()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expected);
        QFETCH(QString, error);
        const JsonChapters::Result r = JsonChapters::parse(json, kDocument);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error));
            QCOMPARE(describe(r.chapters), expected);
        } else {
            QVERIFY(!r.ok());
            QVERIFY2(r.error.contains(error), qPrintable(r.error));
            QVERIFY(r.chapters.isEmpty());
        }
    }

    void parseErrorSaysWhere()
    {
        const JsonChapters::Result r = JsonChapters::parse(R"j({"chapters": [})j");
        QVERIFY2(r.error.startsWith(QStringLiteral("The chapters file is not valid JSON (")),
                 qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("at byte 15")), qPrintable(r.error));
    }

    void tooManyChaptersAreCut()
    {
        QByteArray json = "{\"chapters\": [";
        for (int i = 0; i < JsonChapters::kMaxChapters + 10; ++i)
            json += (i ? "," : "") + QByteArray("{\"startTime\": ") + QByteArray::number(i) + '}';
        json += "]}";
        const JsonChapters::Result r = JsonChapters::parse(json);
        QVERIFY(r.ok());
        QCOMPARE(r.chapters.size(), JsonChapters::kMaxChapters);
        QCOMPARE(r.chapters.last().startSecs, double(JsonChapters::kMaxChapters - 1));
    }
};

QTEST_APPLESS_MAIN(TestJsonChapters)
#include "tst_jsonchapters.moc"
