#include "demopodcast.h"

#include "core/feed/feedparser.h"
#include "storage/library.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace sidecast::demo {

namespace {
const auto kInstalledKey = QStringLiteral("demo_installed");
const auto kResourceRoot = QStringLiteral(":/demo");
const auto kFeedName = QStringLiteral("52-weeks-of-cloud.xml");
} // namespace

QUrl extractTo(const QString &directory, Error *error)
{
    QDirIterator it(kResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = source.mid(kResourceRoot.size() + 1);
        const QString target = QDir(directory).filePath(relative);
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (QFileInfo::exists(target) && QFileInfo(target).size() == QFileInfo(source).size())
            continue;
        QFile::remove(target);
        if (!QFile::copy(source, target)) {
            if (error)
                *error =
                    Error::make(Error::Kind::Storage, QUrl::fromLocalFile(target),
                                QStringLiteral("Cannot write the demo podcast to %1.").arg(target));
            return {};
        }
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                          QFile::ReadOther);
    }
    return QUrl::fromLocalFile(QDir(directory).absoluteFilePath(kFeedName));
}

qint64 installIfFirstStart(Library &library, Error *error)
{
    if (!library.setting(kInstalledKey).isEmpty() || !library.podcasts().isEmpty())
        return 0;
    const QUrl feedUrl =
        extractTo(QDir(library.directory()).filePath(QStringLiteral("demo")), error);
    if (feedUrl.isEmpty())
        return 0;
    QFile file(feedUrl.toLocalFile());
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Error::make(Error::Kind::Storage, feedUrl,
                                 QStringLiteral("Cannot read the demo feed."));
        return 0;
    }
    FeedParser::Result parsed = FeedParser::parse(file.readAll(), feedUrl);
    if (!parsed.ok()) {
        if (error)
            *error = parsed.error;
        return 0;
    }
    parsed.feed.podcast.feedUrl = feedUrl;
    const Library::MergeResult stored = library.addPodcast(parsed.feed);
    if (!stored.ok()) {
        if (error)
            *error = stored.error;
        return 0;
    }
    library.setSetting(kInstalledKey, QStringLiteral("1"));
    return stored.podcastId;
}

} // namespace sidecast::demo
