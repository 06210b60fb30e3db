// The list models the QML binds to, under QAbstractItemModelTester, following library changes.

#include "app/episodedetails.h"
#include "app/episodelistmodel.h"
#include "app/podcastlistmodel.h"
#include "storage/library.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;

namespace {

Feed makeFeed(const QString &url, const QString &title, int episodes)
{
    Feed f;
    f.podcast.feedUrl = QUrl(url);
    f.podcast.title = title;
    f.podcast.author = QStringLiteral("Author of ") + title;
    for (int i = 1; i <= episodes; ++i) {
        Episode e;
        e.guid = QStringLiteral("g%1").arg(i);
        e.title = QStringLiteral("%1 #%2").arg(title).arg(i);
        e.published = QDateTime(QDate(2024, 1, i), QTime(9, 0), Qt::UTC);
        e.durationSecs = 60 * i;
        e.notesHtml = QStringLiteral("<p>At 01:30 we <script>alert(1)</script>talk.</p>");
        e.enclosure.url = QUrl(QStringLiteral("https://example.org/%1.mp3").arg(i));
        f.episodes.append(e);
    }
    return f;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
    }

    void podcastListFollowsLibrary()
    {
        PodcastListModel model(m_library.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        const qint64 b = m_library
                             ->addPodcast(makeFeed(QStringLiteral("https://b.test/f"),
                                                   QStringLiteral("Beta"), 2))
                             .podcastId;
        const qint64 a = m_library
                             ->addPodcast(makeFeed(QStringLiteral("https://a.test/f"),
                                                   QStringLiteral("alpha"), 3))
                             .podcastId;
        QCOMPARE(model.rowCount(), 2);
        // Sorted by title, ignoring case.
        QCOMPARE(model.data(model.index(0), PodcastListModel::TitleRole).toString(),
                 QStringLiteral("alpha"));
        QCOMPARE(model.idAt(0), a);
        QCOMPARE(model.indexOfId(b), 1);
        QCOMPARE(model.data(model.index(0), PodcastListModel::EpisodeCountRole).toInt(), 3);
        QCOMPARE(model.data(model.index(0), PodcastListModel::UnplayedCountRole).toInt(), 3);

        // Listening state changes update counts in place, without a reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        m_library->setPlayed(m_library->episodes(a).first().id, true);
        // Marking played alone updates the count (no feed refresh needed).
        QTRY_COMPARE(model.data(model.index(0), PodcastListModel::UnplayedCountRole).toInt(), 2);
        m_library->mergeFeed(
            a, makeFeed(QStringLiteral("https://a.test/f"), QStringLiteral("alpha"), 3));
        QCOMPARE(reset.count(), 0);
        QVERIFY(dataChanged.count() >= 1);
        QCOMPARE(model.data(model.index(0), PodcastListModel::UnplayedCountRole).toInt(), 2);

        QVERIFY(m_library->removePodcast(a));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), b);
        QCOMPARE(model.roleNames().value(PodcastListModel::TitleRole), QByteArray("title"));
    }

    void episodeListFollowsState()
    {
        const qint64 id = m_library
                              ->addPodcast(makeFeed(QStringLiteral("https://a.test/f"),
                                                    QStringLiteral("Show"), 4))
                              .podcastId;
        EpisodeListModel model(m_library.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setPodcastId(id);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.podcastTitle(), QStringLiteral("Show"));
        QCOMPARE(model.data(model.index(0), EpisodeListModel::TitleRole).toString(),
                 QStringLiteral("Show #4"));
        QCOMPARE(model.data(model.index(0), EpisodeListModel::DurationTextRole).toString(),
                 QStringLiteral("4:00"));
        QVERIFY(!model.data(model.index(0), EpisodeListModel::DateTextRole).toString().isEmpty());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const qint64 episodeId = model.idAt(1);
        QVERIFY(m_library->savePosition(episodeId, 90000)); // half of 3:00
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QVERIFY(model.data(model.index(1), EpisodeListModel::InProgressRole).toBool());
        QCOMPARE(model.data(model.index(1), EpisodeListModel::ProgressRole).toDouble(), 0.5);
        QVERIFY(m_library->setPlayed(episodeId, true));
        QVERIFY(model.data(model.index(1), EpisodeListModel::PlayedRole).toBool());
        QVERIFY(!model.data(model.index(1), EpisodeListModel::InProgressRole).toBool());

        // Another podcast's changes do not touch this model.
        const qint64 other = m_library
                                 ->addPodcast(makeFeed(QStringLiteral("https://b.test/f"),
                                                       QStringLiteral("Other"), 1))
                                 .podcastId;
        QVERIFY(m_library->savePosition(m_library->episodes(other).first().id, 1000));
        QCOMPARE(model.rowCount(), 4);
    }

    void formatDate()
    {
        const QDate today(2026, 11, 26);
        const QDateTime thisYear(QDate(2026, 2, 16), QTime(12, 0), Qt::UTC);
        const QDateTime earlier(QDate(2025, 2, 16), QTime(12, 0), Qt::UTC);
        QVERIFY(!EpisodeListModel::formatDate(thisYear, today).contains(QLatin1String("2026")));
        QVERIFY(EpisodeListModel::formatDate(earlier, today).contains(QLatin1String("2025")));
        QVERIFY(EpisodeListModel::formatDate(QDateTime(), today).isEmpty());
    }

    void episodeDetailsSanitizesNotes()
    {
        const qint64 id = m_library
                              ->addPodcast(makeFeed(QStringLiteral("https://a.test/f"),
                                                    QStringLiteral("Show"), 1))
                              .podcastId;
        const qint64 episodeId = m_library->episodes(id).first().id;
        EpisodeDetails details(m_library.get());
        QSignalSpy changed(&details, &EpisodeDetails::changed);
        details.setEpisodeId(episodeId);
        QCOMPARE(changed.count(), 1);
        QVERIFY(details.isValid());
        QCOMPARE(details.title(), QStringLiteral("Show #1"));
        QCOMPARE(details.podcastTitle(), QStringLiteral("Show"));
        QVERIFY(!details.notesHtml().contains(QLatin1String("script")));
        QVERIFY(!details.notesHtml().contains(QLatin1String("alert")));
        QVERIFY2(details.notesHtml().contains(QLatin1String("sidecast:seek?t=90")),
                 qPrintable(details.notesHtml()));

        QSignalSpy state(&details, &EpisodeDetails::stateChanged);
        QVERIFY(m_library->savePosition(episodeId, 5000));
        QCOMPARE(state.count(), 1);
        QCOMPARE(details.positionMs(), 5000);

        details.setEpisodeId(987654);
        QVERIFY(!details.isValid());
        QVERIFY(details.title().isEmpty());
    }

    void newEpisodesAcrossPodcasts()
    {
        const qint64 a = m_library
                             ->addPodcast(makeFeed(QStringLiteral("https://a.test/f"),
                                                   QStringLiteral("Alpha"), 3))
                             .podcastId;
        const qint64 b = m_library
                             ->addPodcast(makeFeed(QStringLiteral("https://b.test/f"),
                                                   QStringLiteral("Beta"), 2))
                             .podcastId;
        EpisodeListModel model(m_library.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPodcastId(EpisodeListModel::NewEpisodes);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.podcastTitle(), QStringLiteral("New episodes"));
        // Newest first across podcasts, each row naming its podcast.
        QCOMPARE(model.data(model.index(0), EpisodeListModel::TitleRole).toString(),
                 QStringLiteral("Alpha #3"));
        QCOMPARE(model.data(model.index(0), EpisodeListModel::PodcastTitleRole).toString(),
                 QStringLiteral("Alpha"));
        // Same day: the one stored later comes first.
        QCOMPARE(model.data(model.index(1), EpisodeListModel::PodcastTitleRole).toString(),
                 QStringLiteral("Beta"));
        QCOMPARE(model.data(model.index(2), EpisodeListModel::PodcastTitleRole).toString(),
                 QStringLiteral("Alpha"));
        // Played and started episodes are not new (after the next reload).
        QVERIFY(m_library->setPlayed(m_library->episodes(a).first().id, true));
        QVERIFY(m_library->savePosition(m_library->episodes(b).first().id, 1000));
        model.reload();
        QCOMPARE(model.rowCount(), 3);
        // A single podcast's list does not name the podcast.
        model.setPodcastId(b);
        QVERIFY(
            model.data(model.index(0), EpisodeListModel::PodcastTitleRole).toString().isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
