// Id3Chapters: CHAP frames written with TagLib into a copy of the demo's Websockets MP3, read back.

#include "id3writer.h"
#include "player/id3chapters.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::Id3Chapter;

namespace {

const QString kDemoMp3 = QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/audio/websockets.mp3");
const QString kCover = QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/cover.png");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestId3Chapters : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString copyOfDemo(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(kDemoMp3, path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(kDemoMp3));
    }

    void readsChapterFrames()
    {
        const QString path = copyOfDemo(QStringLiteral("chapters.mp3"));
        QVERIFY(!path.isEmpty());
        const QByteArray png = readFile(kCover);
        QVERIFY(!png.isEmpty());
        // Written out of order; the third has an image without a usable type, the fourth one
        // larger than allowed, the fifth links to its image.
        QVERIFY(sidecast::test::writeId3Chapters(
            path,
            {{10500, 20000, QStringLiteral("WebSockets vs HTTP"),
              QStringLiteral("https://example.com/ws"), png, "image/png"},
             {0, 10500, QStringLiteral("Introdução"), {}, {}, {}},
             {20000, 25000, {}, QStringLiteral("javascript:alert(1)"), png, ""},
             {25000,
              0,
              QStringLiteral("Too big"),
              {},
              QByteArray(Id3Chapters::kMaxImageBytes + 1, 'x'),
              "image/jpeg"},
             {28000, 32000, QStringLiteral("Linked"), {}, "https://example.com/c5.jpg", "-->"}}));

        const Id3Chapters::Result r = Id3Chapters::read(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.chapters.size(), 5);
        const Chapter &intro = r.chapters.at(0);
        QCOMPARE(intro.startSecs, 0.0);
        QCOMPARE(intro.endSecs, 10.5);
        QCOMPARE(intro.title, QStringLiteral("Introdução"));
        QVERIFY(intro.url.isEmpty() && intro.imageUrl.isEmpty());
        QVERIFY(intro.toc);

        const Chapter &ws = r.chapters.at(1);
        QCOMPARE(ws.startSecs, 10.5);
        QCOMPARE(ws.endSecs, 20.0);
        QCOMPARE(ws.title, QStringLiteral("WebSockets vs HTTP"));
        QCOMPARE(ws.url, QUrl(QStringLiteral("https://example.com/ws")));
        QCOMPARE(ws.imageUrl.scheme(), QStringLiteral("data"));
        const QString prefix = QStringLiteral("data:image/png;base64,");
        QVERIFY(ws.imageUrl.toString().startsWith(prefix));
        QCOMPARE(QByteArray::fromBase64(ws.imageUrl.toString().mid(prefix.size()).toLatin1()), png);

        const Chapter &untitled = r.chapters.at(2);
        QVERIFY(untitled.title.isEmpty());
        QVERIFY(untitled.url.isEmpty()); // javascript: is no link
        // No declared type, but the bytes say PNG.
        QVERIFY(untitled.imageUrl.toString().startsWith(prefix));

        const Chapter &big = r.chapters.at(3);
        QCOMPARE(big.endSecs, -1.0); // an end of 0 says nothing
        QVERIFY(big.imageUrl.isEmpty());

        QCOMPARE(r.chapters.at(4).imageUrl, QUrl(QStringLiteral("https://example.com/c5.jpg")));
    }

    void fileWithoutChapters()
    {
        const Id3Chapters::Result r = Id3Chapters::read(kDemoMp3);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.chapters.isEmpty());
    }

    void missingFileIsAnError()
    {
        const Id3Chapters::Result r = Id3Chapters::read(m_dir.filePath(QStringLiteral("nope.mp3")));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("nope.mp3")), qPrintable(r.error));
        QVERIFY(r.chapters.isEmpty());
    }

    void notAnMp3HasNoChapters()
    {
        const QString path = m_dir.filePath(QStringLiteral("text.mp3"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("This is not audio at all.\n");
        f.close();
        QVERIFY(Id3Chapters::read(path).chapters.isEmpty());
        QVERIFY(Id3Chapters::read(m_dir.path()).chapters.isEmpty()); // a folder
    }
};

QTEST_APPLESS_MAIN(TestId3Chapters)
#include "tst_id3chapters.moc"
