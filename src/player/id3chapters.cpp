#include "id3chapters.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <attachedpictureframe.h>
#include <chapterframe.h>
#include <id3v2tag.h>
#include <mpegfile.h>
#include <textidentificationframe.h>
#include <urllinkframe.h>

#include <algorithm>

namespace sidecast {

namespace {

QString toQString(const TagLib::String &s)
{
    return QString::fromUtf8(s.toCString(true));
}

QByteArray toBytes(const TagLib::ByteVector &v)
{
    return QByteArray(v.data(), qsizetype(v.size()));
}

QByteArray imageType(const QByteArray &declared, const QByteArray &data)
{
    if (declared.startsWith("image/"))
        return declared;
    // ID3v2.2 and sloppy taggers write "PNG", "jpg" or nothing: look at the bytes.
    if (data.startsWith("\x89PNG"))
        return "image/png";
    if (data.startsWith("\xFF\xD8"))
        return "image/jpeg";
    if (data.startsWith("GIF8"))
        return "image/gif";
    return {};
}

QUrl pictureUrl(const TagLib::ID3v2::AttachedPictureFrame &apic)
{
    const QByteArray data = toBytes(apic.picture());
    const QByteArray declared = QByteArray(apic.mimeType().toCString()).trimmed().toLower();
    if (declared == "-->") { // the picture is a link
        const QUrl link(QString::fromUtf8(data).trimmed());
        const QString scheme = link.scheme().toLower();
        return scheme == QLatin1String("http") || scheme == QLatin1String("https") ? link : QUrl();
    }
    const QByteArray type = imageType(declared, data);
    if (type.isEmpty() || data.isEmpty() || data.size() > Id3Chapters::kMaxImageBytes)
        return {};
    return QUrl(QString::fromLatin1("data:" + type + ";base64," + data.toBase64()));
}

} // namespace

Id3Chapters::Result Id3Chapters::read(const QString &filePath)
{
    Result result;
    if (!QFileInfo(filePath).isFile()) {
        result.error = QStringLiteral("There is no file %1.").arg(filePath);
        return result;
    }
    const QByteArray name = QFile::encodeName(filePath);
    TagLib::MPEG::File file(name.constData(), false);
    if (!file.isValid()) {
        result.error = QStringLiteral("%1 could not be read as an MP3 file.").arg(filePath);
        return result;
    }
    TagLib::ID3v2::Tag *tag = file.ID3v2Tag(false);
    if (!tag)
        return result;
    const TagLib::ID3v2::FrameList frames = tag->frameListMap()["CHAP"];
    for (const TagLib::ID3v2::Frame *frame : frames) {
        const auto *chap = dynamic_cast<const TagLib::ID3v2::ChapterFrame *>(frame);
        if (!chap)
            continue;
        Chapter c;
        c.startSecs = chap->startTime() / 1000.0;
        c.endSecs = chap->endTime() > chap->startTime() ? chap->endTime() / 1000.0 : -1;
        for (const TagLib::ID3v2::Frame *sub : chap->embeddedFrameList()) {
            const QByteArray id = toBytes(sub->frameID());
            if (id == "TIT2") {
                c.title = toQString(sub->toString()).simplified();
            } else if (id == "WXXX") {
                if (const auto *w = dynamic_cast<const TagLib::ID3v2::UserUrlLinkFrame *>(sub)) {
                    const QUrl url(toQString(w->url()).trimmed());
                    const QString scheme = url.scheme().toLower();
                    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
                        c.url = url;
                }
            } else if (id == "APIC" && c.imageUrl.isEmpty()) {
                if (const auto *apic =
                        dynamic_cast<const TagLib::ID3v2::AttachedPictureFrame *>(sub))
                    c.imageUrl = pictureUrl(*apic);
            }
        }
        result.chapters.append(c);
    }
    std::stable_sort(result.chapters.begin(), result.chapters.end(),
                     [](const Chapter &a, const Chapter &b) { return a.startSecs < b.startSecs; });
    return result;
}

} // namespace sidecast
