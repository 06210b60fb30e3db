#include "feedjson.h"

#include <QJsonArray>

#include <cmath>

namespace sidecast::feedjson {
namespace {

QJsonValue string(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue url(const QUrl &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null)
                           : QJsonValue(value.toString(QUrl::FullyEncoded));
}

QJsonValue flag(const std::optional<bool> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

// Whole numbers print as integers ("12"), the rest as decimals ("12.5").
QJsonValue number(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 9.0e15)
        return QJsonValue(qint64(value));
    return QJsonValue(value);
}

QJsonValue positiveOrNull(double value)
{
    return value > 0 ? number(value) : QJsonValue(QJsonValue::Null);
}

QString formatName(Feed::Format format)
{
    switch (format) {
    case Feed::Format::Rss2:
        return QStringLiteral("rss2");
    case Feed::Format::Atom:
        return QStringLiteral("atom");
    case Feed::Format::Rss1:
        return QStringLiteral("rss1");
    case Feed::Format::Unknown:
        break;
    }
    return {};
}

template <typename T, typename Convert> QJsonArray array(const QList<T> &items, Convert convert)
{
    QJsonArray result;
    for (const T &item : items)
        result.append(convert(item));
    return result;
}

QJsonObject personJson(const Person &person)
{
    return QJsonObject{
        {QStringLiteral("name"), string(person.name)},
        {QStringLiteral("role"), string(person.role)},
        {QStringLiteral("group"), string(person.group)},
        {QStringLiteral("href"), url(person.href)},
        {QStringLiteral("img"), url(person.img)},
    };
}

QJsonObject enclosureJson(const Enclosure &enclosure)
{
    return QJsonObject{
        {QStringLiteral("url"), url(enclosure.url)},
        {QStringLiteral("length"), enclosure.length > 0 ? enclosure.length : qint64(-1)},
        {QStringLiteral("type"), string(enclosure.mimeType)},
    };
}

QJsonObject chapterJson(const Chapter &chapter)
{
    return QJsonObject{
        {QStringLiteral("start"), number(chapter.startSecs)},
        {QStringLiteral("title"), string(chapter.title)},
        {QStringLiteral("url"), url(chapter.url)},
        {QStringLiteral("image"), url(chapter.imageUrl)},
    };
}

QJsonObject transcriptJson(const Transcript &transcript)
{
    return QJsonObject{
        {QStringLiteral("url"), url(transcript.url)},
        {QStringLiteral("type"), string(transcript.mimeType)},
        {QStringLiteral("language"), string(transcript.language)},
        {QStringLiteral("rel"), string(transcript.rel)},
    };
}

QJsonObject soundbiteJson(const Soundbite &soundbite)
{
    return QJsonObject{
        {QStringLiteral("start"), number(soundbite.startSecs)},
        {QStringLiteral("duration"), number(soundbite.durationSecs)},
        {QStringLiteral("title"), string(soundbite.title)},
    };
}

QJsonObject alternateEnclosureJson(const AlternateEnclosure &alternate)
{
    return QJsonObject{
        {QStringLiteral("type"), string(alternate.mimeType)},
        {QStringLiteral("length"),
         alternate.length > 0 ? QJsonValue(alternate.length) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("bitrate"), positiveOrNull(alternate.bitrate)},
        {QStringLiteral("title"), string(alternate.title)},
        {QStringLiteral("sources"), array(alternate.sources, url)},
    };
}

QJsonValue ownerJson(const Podcast &podcast)
{
    if (podcast.ownerName.isEmpty() && podcast.ownerEmail.isEmpty())
        return QJsonValue(QJsonValue::Null);
    return QJsonObject{
        {QStringLiteral("name"), string(podcast.ownerName)},
        {QStringLiteral("email"), string(podcast.ownerEmail)},
    };
}

} // namespace

QJsonObject toJson(const Episode &e)
{
    return QJsonObject{
        {QStringLiteral("guid"), string(e.guid)},
        {QStringLiteral("title"), string(e.title)},
        {QStringLiteral("link"), url(e.link)},
        {QStringLiteral("published"), e.published.isValid() ? e.published.toSecsSinceEpoch() : 0},
        {QStringLiteral("duration"), e.durationSecs > 0 ? e.durationSecs : 0},
        {QStringLiteral("description"), string(e.summary)},
        {QStringLiteral("description_html"), string(e.notesHtml)},
        {QStringLiteral("subtitle"), string(e.subtitle)},
        {QStringLiteral("image"), url(e.imageUrl)},
        {QStringLiteral("author"), string(e.author)},
        {QStringLiteral("season"), positiveOrNull(e.season)},
        {QStringLiteral("episode"), positiveOrNull(e.episodeNumber)},
        {QStringLiteral("episode_type"), string(e.episodeType)},
        {QStringLiteral("explicit"), flag(e.explicitContent)},
        {QStringLiteral("enclosures"), array(e.enclosures, enclosureJson)},
        {QStringLiteral("chapters_url"), url(e.chaptersUrl)},
        {QStringLiteral("chapters_type"), string(e.chaptersType)},
        {QStringLiteral("chapters"), array(e.chapters, chapterJson)},
        {QStringLiteral("transcripts"), array(e.transcripts, transcriptJson)},
        {QStringLiteral("persons"), array(e.persons, personJson)},
        {QStringLiteral("soundbites"), array(e.soundbites, soundbiteJson)},
        {QStringLiteral("alternate_enclosures"),
         array(e.alternateEnclosures, alternateEnclosureJson)},
    };
}

QJsonObject toJson(const Feed &feed)
{
    const Podcast &p = feed.podcast;
    QJsonArray episodes;
    for (const Episode &episode : feed.episodes)
        episodes.append(toJson(episode));
    return QJsonObject{
        {QStringLiteral("format"), string(formatName(feed.format))},
        {QStringLiteral("title"), p.title},
        {QStringLiteral("link"), url(p.link)},
        {QStringLiteral("self_url"), url(p.selfUrl)},
        {QStringLiteral("new_feed_url"), url(p.newFeedUrl)},
        {QStringLiteral("description"), string(p.description)},
        {QStringLiteral("description_html"), string(p.descriptionHtml)},
        {QStringLiteral("image"), url(p.imageUrl)},
        {QStringLiteral("language"), string(p.language)},
        {QStringLiteral("author"), string(p.author)},
        {QStringLiteral("owner"), ownerJson(p)},
        {QStringLiteral("categories"),
         array(p.categories,
               [](const QStringList &path) { return QJsonArray::fromStringList(path); })},
        {QStringLiteral("explicit"), flag(p.explicitContent)},
        {QStringLiteral("type"), string(p.showType)},
        {QStringLiteral("locked"), flag(p.locked)},
        {QStringLiteral("podcast_guid"), string(p.podcastGuid)},
        {QStringLiteral("medium"), string(p.medium)},
        {QStringLiteral("funding"), array(p.funding,
                                          [](const Funding &f) {
                                              return QJsonObject{
                                                  {QStringLiteral("url"), url(f.url)},
                                                  {QStringLiteral("title"), string(f.title)},
                                              };
                                          })},
        {QStringLiteral("persons"), array(p.persons, personJson)},
        {QStringLiteral("paged_feed_next"), url(p.pagedFeedNext)},
        {QStringLiteral("episodes"), episodes},
    };
}

} // namespace sidecast::feedjson
