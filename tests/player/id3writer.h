#pragma once

// Test helper: writes ID3v2 chapters (CHAP frames with TIT2, WXXX and APIC sub-frames, listed by
// a CTOC frame) into an MP3 file with TagLib, the way podcast tools publish them.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <attachedpictureframe.h>
#include <chapterframe.h>
#include <id3v2tag.h>
#include <mpegfile.h>
#include <tableofcontentsframe.h>
#include <textidentificationframe.h>
#include <urllinkframe.h>

namespace sidecast::test {

struct Id3Chapter
{
    unsigned startMs = 0;
    unsigned endMs = 0;
    QString title;    // no TIT2 when empty
    QString url;      // no WXXX when empty
    QByteArray image; // no APIC when empty
    QByteArray imageMime = "image/png";
};

inline TagLib::String tagString(const QString &s)
{
    return TagLib::String(s.toUtf8().constData(), TagLib::String::UTF8);
}

inline bool writeId3Chapters(const QString &path, const QList<Id3Chapter> &chapters)
{
    const QByteArray name = QFile::encodeName(path);
    TagLib::MPEG::File file(name.constData(), false);
    if (!file.isValid())
        return false;
    TagLib::ID3v2::Tag *tag = file.ID3v2Tag(true);
    TagLib::ByteVectorList ids;
    int n = 0;
    for (const Id3Chapter &c : chapters) {
        const TagLib::ByteVector id(QByteArray("chp" + QByteArray::number(n++)).constData());
        TagLib::ID3v2::FrameList sub;
        if (!c.title.isEmpty()) {
            auto *tit2 = new TagLib::ID3v2::TextIdentificationFrame("TIT2", TagLib::String::UTF8);
            tit2->setText(tagString(c.title));
            sub.append(tit2);
        }
        if (!c.url.isEmpty()) {
            auto *wxxx = new TagLib::ID3v2::UserUrlLinkFrame(TagLib::String::UTF8);
            wxxx->setUrl(tagString(c.url));
            sub.append(wxxx);
        }
        if (!c.image.isEmpty()) {
            auto *apic = new TagLib::ID3v2::AttachedPictureFrame;
            apic->setMimeType(TagLib::String(c.imageMime.constData()));
            apic->setType(TagLib::ID3v2::AttachedPictureFrame::Other);
            apic->setPicture(TagLib::ByteVector(c.image.constData(), unsigned(c.image.size())));
            sub.append(apic);
        }
        // Byte offsets 0xFFFFFFFF: "not used", times only.
        tag->addFrame(
            new TagLib::ID3v2::ChapterFrame(id, c.startMs, c.endMs, 0xFFFFFFFF, 0xFFFFFFFF, sub));
        ids.append(id);
    }
    auto *toc = new TagLib::ID3v2::TableOfContentsFrame("toc", ids);
    toc->setIsTopLevel(true);
    toc->setIsOrdered(true);
    tag->addFrame(toc);
    return file.save(TagLib::MPEG::File::ID3v2, TagLib::File::StripNone);
}

} // namespace sidecast::test
