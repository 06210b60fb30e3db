#pragma once

#include "core/chapter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace sidecast {

// The Podcasting 2.0 JSON chapters format (`podcast:chapters type="application/json+chapters"`):
// {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro", "img": "…", "url": "…",
// "toc": false, "endTime": 30}, …]}.
//
// Tolerant of what real files get wrong: a chapter without a usable startTime (missing, not a
// number, negative) is dropped; an optional field of the wrong type is ignored; unsorted chapters
// are sorted by start (stable), and of several starting at the same time only the first is kept.
// An endTime before its startTime is ignored. Links keep http(s) only (relative ones resolved
// against the document's URL); images may also be data:image URLs. `version` and `location` are
// not needed and not checked. Only a document that is not JSON, or has no `chapters` array, is
// an error.
class JsonChapters
{
public:
    struct Result
    {
        QList<Chapter> chapters;
        QString error; // empty when the document could be read
        bool ok() const { return error.isEmpty(); }
    };

    // More chapters than this are dropped (from the end): a list no one could use anyway.
    static constexpr int kMaxChapters = 5000;

    static Result parse(const QByteArray &json, const QUrl &documentUrl = {});
};

} // namespace sidecast
