// The player's rules, with a fake backend: no sound, every transition driven by the test.

#include "fakebackend.h"
#include "player/playbackcontroller.h"
#include "player/queue.h"
#include "player/sleeptimer.h"
#include "storage/library.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::FakeBackend;

class TestPlaybackController : public QObject
{
    Q_OBJECT

private:
    qint64 m_podcastId = 0;
    QList<qint64> m_episodeIds; // newest first
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;

    Episode makeEpisode(int n, qint64 durationSecs)
    {
        Episode e;
        e.guid = QStringLiteral("ep%1").arg(n);
        e.title = QStringLiteral("Episode %1").arg(n);
        e.published = QDateTime(QDate(2025, 1, n), QTime(10, 0), Qt::UTC);
        e.durationSecs = durationSecs;
        e.enclosure.url = QUrl(QStringLiteral("https://example.org/%1.mp3").arg(n));
        return e;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        Feed feed;
        feed.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/feed"));
        feed.podcast.title = QStringLiteral("Show");
        feed.podcast.imageUrl = QUrl(QStringLiteral("https://example.org/cover.jpg"));
        feed.episodes = {makeEpisode(1, 600), makeEpisode(2, 1200)};
        Episode noAudio = makeEpisode(3, 0);
        noAudio.enclosure = {};
        feed.episodes.append(noAudio);
        const auto r = m_library->addPodcast(feed);
        QVERIFY(r.ok());
        m_podcastId = r.podcastId;
        m_episodeIds.clear();
        for (const Episode &e : m_library->episodes(m_podcastId))
            m_episodeIds.append(e.id);
    }

    void cleanup()
    {
        m_library.reset();
        m_dir.reset();
    }

    void loadsEpisodeMetadata()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QSignalSpy changed(&player, &PlaybackController::episodeChanged);
        const qint64 id = m_episodeIds.at(1); // Episode 2
        QVERIFY(player.playEpisode(id));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(player.episodeId(), id);
        QCOMPARE(player.title(), QStringLiteral("Episode 2"));
        QCOMPARE(player.podcastTitle(), QStringLiteral("Show"));
        QCOMPARE(player.artworkUrl(), QUrl(QStringLiteral("https://example.org/cover.jpg")));
        QCOMPARE(backend.source(), QUrl(QStringLiteral("https://example.org/2.mp3")));
        QCOMPARE(player.duration(), 1200 * 1000); // from the feed until the media knows better
        QVERIFY(player.isPlaying());
        backend.finishLoading(1199500);
        QCOMPARE(player.duration(), 1199500);
        // Playing the same episode again does not reload it.
        QVERIFY(player.playEpisode(id));
        QCOMPARE(backend.sourceChanges, 1);
    }

    void refusesEpisodesItCannotPlay()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(!player.playEpisode(m_episodeIds.at(0))); // Episode 3: no enclosure
        QVERIFY(player.errorString().contains(QLatin1String("no audio")));
        QVERIFY(!player.playEpisode(424242));
        QVERIFY(!player.errorString().isEmpty());
        QVERIFY(!player.hasEpisode());
    }

    void restoresPositionOnlyWhenMediaIsReady()
    {
        const qint64 id = m_episodeIds.at(1);
        QVERIFY(m_library->savePosition(id, 90000));
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.playEpisode(id));
        // Not yet ready: no seek sent, but the UI already shows where it will resume.
        QVERIFY(backend.seeks.isEmpty());
        QCOMPARE(player.position(), 90000);
        // A save while loading must not overwrite the stored position with the backend's 0.
        player.savePosition();
        QCOMPARE(m_library->episode(id)->positionMs, 90000);

        backend.finishLoading(1200000);
        QCOMPARE(backend.seeks, QList<qint64>{90000});
        QCOMPARE(player.position(), 90000);
    }

    void playedEpisodesStartOver()
    {
        const qint64 id = m_episodeIds.at(1);
        QVERIFY(m_library->savePosition(id, 90000));
        QVERIFY(m_library->setPlayed(id, true));
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.playEpisode(id));
        backend.finishLoading(1200000);
        QVERIFY(backend.seeks.isEmpty());
        QCOMPARE(player.position(), 0);
    }

    void savesOnPauseSeekTimerAndDestruction()
    {
        const qint64 id = m_episodeIds.at(1);
        FakeBackend backend;
        {
            PlaybackController player(&backend, m_library.get());
            QVERIFY(player.playEpisode(id));
            backend.finishLoading(1200000);

            backend.movePositionTo(15000);
            player.pause();
            QCOMPARE(m_library->episode(id)->positionMs, 15000);

            player.play();
            player.seek(300000);
            QCOMPARE(m_library->episode(id)->positionMs, 300000);

            // The periodic save while playing.
            backend.movePositionTo(301000);
            QTRY_COMPARE_WITH_TIMEOUT(m_library->episode(id)->positionMs, 301000,
                                      PlaybackController::kSaveIntervalMs + 3000);

            backend.movePositionTo(333000);
        }
        QCOMPARE(m_library->episode(id)->positionMs, 333000);
    }

    void switchingEpisodesSavesTheFirst()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        const qint64 first = m_episodeIds.at(1);
        const qint64 second = m_episodeIds.at(2);
        QVERIFY(player.playEpisode(first));
        backend.finishLoading(1200000);
        backend.movePositionTo(77000);
        QVERIFY(player.playEpisode(second));
        QCOMPARE(m_library->episode(first)->positionMs, 77000);
        QCOMPARE(player.episodeId(), second);
    }

    void seekAndSkipStayInsideTheEpisode()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.playEpisode(m_episodeIds.at(2))); // Episode 1, 600 s
        backend.finishLoading(600000);
        player.setSkipBackSeconds(15);
        player.setSkipForwardSeconds(45);

        player.seek(100000);
        player.skipForward();
        QCOMPARE(backend.position(), 145000);
        player.skipBack();
        QCOMPARE(backend.position(), 130000);
        player.seek(-5000);
        QCOMPARE(backend.position(), 0);
        player.skipBack();
        QCOMPARE(backend.position(), 0);
        player.seek(599000);
        player.skipForward();
        QCOMPARE(backend.position(), 600000);
        player.seek(10000000);
        QCOMPARE(backend.position(), 600000);
    }

    void seekBeforeReadyIsAppliedLater()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        player.seek(45000); // e.g. a timestamp clicked in the notes while the media loads
        QVERIFY(backend.seeks.isEmpty());
        QCOMPARE(player.position(), 45000);
        backend.finishLoading(600000);
        QCOMPARE(backend.seeks, QList<qint64>{45000});
    }

    void endOfMediaMarksPlayed()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        const qint64 id = m_episodeIds.at(2);
        QSignalSpy finished(&player, &PlaybackController::episodeFinished);
        QVERIFY(player.playEpisode(id));
        backend.finishLoading(600000);
        backend.movePositionTo(300000);
        backend.reachEnd();
        QCOMPARE(finished.count(), 1);
        QVERIFY(m_library->episode(id)->played);
        QCOMPARE(m_library->episode(id)->positionMs, 0);
    }

    void errorsAreShownNotSwallowed()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QSignalSpy error(&player, &PlaybackController::errorStringChanged);
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        backend.fail(QStringLiteral("Could not resolve host"));
        QCOMPARE(player.errorString(), QStringLiteral("Could not resolve host"));
        QVERIFY(!player.isPlaying());
        QVERIFY(error.count() >= 1);
        // Play again retries from scratch and clears the message.
        const int loadsBefore = backend.sourceChanges;
        player.play();
        QVERIFY(player.errorString().isEmpty());
        QVERIFY(backend.sourceChanges > loadsBefore);
        QCOMPARE(backend.source(), QUrl(QStringLiteral("https://example.org/1.mp3")));
    }

    void anErrorIsNotPlayingWhateverTheBackendSays()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        QSignalSpy playing(&player, &PlaybackController::playingChanged);
        // An error report that leaves the backend "playing" (no audio output, for example).
        Q_EMIT backend.errorOccurred(QStringLiteral("No audio output"));
        QCOMPARE(backend.state(), MediaBackend::State::Playing);
        QVERIFY(!player.isPlaying());
        QVERIFY(playing.count() >= 1);
        playing.clear();
        player.play(); // the retry clears the error: playing again, and said so
        QVERIFY(player.isPlaying());
        QVERIFY(playing.count() >= 1);
    }

    void rateIsBoundedAndForwarded()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        player.setRate(1.5);
        QCOMPARE(backend.playbackRate(), 1.5);
        player.setRate(10);
        QCOMPARE(player.rate(), 3.0);
        player.setRate(0.1);
        QCOMPARE(player.rate(), 0.5);
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        QCOMPARE(backend.playbackRate(), 0.5);
    }
    void rateSnapsToTenthsAndPersists()
    {
        FakeBackend backend;
        {
            PlaybackController player(&backend, m_library.get());
            player.setRate(1.26);
            QCOMPARE(player.rate(), 1.3);
            player.faster();
            QCOMPARE(player.rate(), 1.4);
            player.slower();
            player.slower();
            QCOMPARE(player.rate(), 1.2);
        }
        PlaybackController again(&backend, m_library.get());
        QCOMPARE(again.rate(), 1.2);
    }

    void podcastSpeedOverridesTheDefault()
    {
        // A second podcast to switch to.
        Feed other;
        other.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/other"));
        other.podcast.title = QStringLiteral("Other");
        other.episodes = {makeEpisode(9, 300)};
        const qint64 otherEpisode =
            m_library->episodes(m_library->addPodcast(other).podcastId).first().id;

        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        player.setRate(1.5); // global default
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        QVERIFY(!player.rateIsPodcastOnly());
        player.setRateIsPodcastOnly(true);
        player.setRate(2.0); // this podcast only
        QCOMPARE(backend.playbackRate(), 2.0);
        QCOMPARE(m_library->podcastPlaybackRate(m_podcastId), std::optional<double>(2.0));

        QVERIFY(player.playEpisode(otherEpisode));
        QCOMPARE(player.rate(), 1.5);
        QCOMPARE(backend.playbackRate(), 1.5);
        QVERIFY(!player.rateIsPodcastOnly());

        QVERIFY(player.playEpisode(m_episodeIds.at(1)));
        QCOMPARE(player.rate(), 2.0);
        QVERIFY(player.rateIsPodcastOnly());
        player.setRateIsPodcastOnly(false);
        QCOMPARE(player.rate(), 1.5);
        QCOMPARE(m_library->podcastPlaybackRate(m_podcastId), std::nullopt);
    }

    void audioEffectsArePerPodcastAndAppliedOnLoad()
    {
        Feed other;
        other.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/other"));
        other.podcast.title = QStringLiteral("Other");
        other.episodes = {makeEpisode(9, 300)};
        const qint64 otherPodcast = m_library->addPodcast(other).podcastId;
        const qint64 otherEpisode = m_library->episodes(otherPodcast).first().id;

        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.audioEffectsSupported());
        QSignalSpy changed(&player, &PlaybackController::audioEffectsChanged);
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        QVERIFY(!player.trimSilence());
        QVERIFY(!player.voiceBoost());
        player.setTrimSilence(true);
        player.setVoiceBoost(true);
        QCOMPARE(changed.count(), 2);
        QVERIFY(backend.trimSilence());
        QVERIFY(backend.voiceBoost());
        QVERIFY(m_library->podcastAudioEffects(m_podcastId).trimSilence);
        QVERIFY(m_library->podcastAudioEffects(m_podcastId).voiceBoost);
        QVERIFY(!m_library->podcastAudioEffects(otherPodcast).trimSilence);

        // Another podcast's episode: its own choice (off) reaches the backend.
        QVERIFY(player.playEpisode(otherEpisode));
        QVERIFY(!player.trimSilence());
        QVERIFY(!player.voiceBoost());
        QVERIFY(!backend.trimSilence());
        QVERIFY(!backend.voiceBoost());
        player.setVoiceBoost(true); // for Other only
        QVERIFY(m_library->podcastAudioEffects(otherPodcast).voiceBoost);
        QVERIFY(!m_library->podcastAudioEffects(otherPodcast).trimSilence);

        // Back to the first podcast, in a new session: both on again.
        PlaybackController later(&backend, m_library.get());
        QVERIFY(later.loadEpisode(m_episodeIds.at(1)));
        QVERIFY(later.trimSilence());
        QVERIFY(later.voiceBoost());
        QVERIFY(backend.trimSilence());
        later.setTrimSilence(false);
        QVERIFY(!backend.trimSilence());
        QVERIFY(!m_library->podcastAudioEffects(m_podcastId).trimSilence);
        QVERIFY(m_library->podcastAudioEffects(m_podcastId).voiceBoost);

        // A one-off URL starts with both off and leaves the podcasts' choices alone.
        QVERIFY(later.playUrl(QUrl(QStringLiteral("https://example.org/one-off.mp3"))));
        QVERIFY(!later.voiceBoost());
        QVERIFY(!backend.voiceBoost());
        later.setTrimSilence(true);
        QVERIFY(backend.trimSilence());
        QVERIFY(!m_library->podcastAudioEffects(m_podcastId).trimSilence);
        QVERIFY(!m_library->podcastAudioEffects(otherPodcast).trimSilence);
    }

    void audioEffectsStayOffWithoutBackendSupport()
    {
        FakeBackend backend;
        backend.effectsSupported = false;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(!player.audioEffectsSupported());
        QVERIFY(player.playEpisode(m_episodeIds.at(1)));
        QSignalSpy changed(&player, &PlaybackController::audioEffectsChanged);
        player.setTrimSilence(true);
        player.setVoiceBoost(true);
        QVERIFY(changed.isEmpty());
        QVERIFY(!player.trimSilence());
        QVERIFY(!player.voiceBoost());
        QVERIFY(!m_library->podcastAudioEffects(m_podcastId).trimSilence);
    }

    void silenceSavedIsCountedPerEpisodePodcastAndInTotal()
    {
        const qint64 first = m_episodeIds.at(2);  // Episode 1
        const qint64 second = m_episodeIds.at(1); // Episode 2
        FakeBackend backend;
        {
            PlaybackController player(&backend, m_library.get());
            QSignalSpy changed(&player, &PlaybackController::silenceSavedChanged);
            QVERIFY(player.playEpisode(first));
            player.setTrimSilence(true);
            backend.finishLoading(600000);
            QCOMPARE(player.silenceSavedEpisodeMs(), 0);
            backend.cutSilence(1200);
            backend.cutSilence(2500);
            QCOMPARE(player.silenceSavedEpisodeMs(), 2500);
            QCOMPARE(player.silenceSavedPodcastMs(), 2500.0);
            QCOMPARE(player.silenceSavedTotalMs(), 2500.0);
            QVERIFY(changed.count() >= 2);

            // Saved with the position; the episode's share is in the library.
            player.pause();
            QCOMPARE(m_library->episodeSilenceSavedMs(first), 2500);
            QCOMPARE(m_library->setting(QStringLiteral("playback.silence_saved_total_ms")),
                     QStringLiteral("2500"));

            // What the backend cut but had not reported yet goes to the episode it was cut from.
            backend.cutSilenceQuietly(3000);
            QVERIFY(player.playEpisode(second)); // the backend's count starts over
            QCOMPARE(m_library->episodeSilenceSavedMs(first), 3000);
            QCOMPARE(player.silenceSavedEpisodeMs(), 0);
            QCOMPARE(player.silenceSavedPodcastMs(), 3000.0);
            QCOMPARE(player.silenceSavedTotalMs(), 3000.0);
            backend.cutSilence(700);
            QCOMPARE(player.silenceSavedEpisodeMs(), 700);
            QCOMPARE(player.silenceSavedPodcastMs(), 3700.0);
            QCOMPARE(player.silenceSavedTotalMs(), 3700.0);

            // A one-off URL counts in the total only.
            QVERIFY(player.playUrl(QUrl(QStringLiteral("https://example.org/one-off.mp3"))));
            QCOMPARE(m_library->episodeSilenceSavedMs(second), 700);
            backend.cutSilence(300);
            QCOMPARE(player.silenceSavedEpisodeMs(), 300);
            QCOMPARE(player.silenceSavedPodcastMs(), 0.0);
            QCOMPARE(player.silenceSavedTotalMs(), 4000.0);
        } // destruction saves

        QCOMPARE(m_library->podcastSilenceSavedMs(m_podcastId), 3700);
        PlaybackController player(&backend, m_library.get());
        QCOMPARE(player.silenceSavedTotalMs(), 4000.0);
        // An episode's figure adds up over its plays.
        QVERIFY(player.playEpisode(first));
        QCOMPARE(player.silenceSavedEpisodeMs(), 3000);
        backend.cutSilence(1000);
        QCOMPARE(player.silenceSavedEpisodeMs(), 4000);
        QCOMPARE(player.silenceSavedPodcastMs(), 4700.0);
        QCOMPARE(player.silenceSavedTotalMs(), 5000.0);
        // Retrying after an error reloads the source: the backend's count restarts, nothing is
        // counted twice.
        backend.fail(QStringLiteral("gone"));
        player.play();
        QCOMPARE(player.silenceSavedEpisodeMs(), 4000);
        backend.cutSilence(200);
        QCOMPARE(player.silenceSavedEpisodeMs(), 4200);
        QCOMPARE(player.silenceSavedTotalMs(), 5200.0);
    }

    void volumeAndMutePersistAndReachTheBackend()
    {
        FakeBackend backend;
        {
            PlaybackController player(&backend, m_library.get());
            player.setVolume(0.4);
            player.setMuted(true);
            QCOMPARE(backend.volume(), 0.4f);
            QVERIFY(backend.isMuted());
            player.setVolume(7);
            QCOMPARE(player.volume(), 1.0);
            player.setVolume(0.4);
            player.setFadeFactor(0.5);
            QCOMPARE(backend.volume(), 0.2f);
            QCOMPARE(player.volume(), 0.4); // a fade is not the listener's volume
            player.setFadeFactor(1.0);
        }
        FakeBackend fresh;
        PlaybackController again(&fresh, m_library.get());
        QCOMPARE(again.volume(), 0.4);
        QVERIFY(again.isMuted());
        QCOMPARE(fresh.volume(), 0.4f);
        QVERIFY(fresh.isMuted());
    }

    void stoppingNearTheEndCountsAsPlayed()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        player.setPlayedThresholdSeconds(20);
        const qint64 id = m_episodeIds.at(2); // 600 s
        QVERIFY(player.playEpisode(id));
        backend.finishLoading(600000);
        backend.movePositionTo(570000); // 30 s left: not yet
        player.pause();
        QVERIFY(!m_library->episode(id)->played);
        QCOMPARE(m_library->episode(id)->positionMs, 570000);
        player.play();
        backend.movePositionTo(585000); // 15 s left
        player.pause();
        QVERIFY(m_library->episode(id)->played);
        QCOMPARE(m_library->episode(id)->positionMs, 0);
    }

    void queueOrderAndPersistence()
    {
        const qint64 a = m_episodeIds.at(0), b = m_episodeIds.at(1), c = m_episodeIds.at(2);
        {
            Queue queue(m_library.get());
            QSignalSpy changed(&queue, &Queue::changed);
            queue.playLast(a);
            queue.playLast(b);
            queue.playNext(c);
            QCOMPARE(queue.episodeIds(), (QList<qint64>{c, a, b}));
            queue.playLast(c); // moves, never duplicates
            QCOMPARE(queue.episodeIds(), (QList<qint64>{a, b, c}));
            QVERIFY(queue.move(2, 0));
            QCOMPARE(queue.episodeIds(), (QList<qint64>{c, a, b}));
            QVERIFY(!queue.move(0, 3));
            QVERIFY(queue.remove(a));
            QVERIFY(!queue.remove(a));
            QCOMPARE(queue.episodeIds(), (QList<qint64>{c, b}));
            QVERIFY(changed.count() >= 5);
        }
        // A restart (a new Queue on the same library) finds the same order.
        Queue reopened(m_library.get());
        QCOMPARE(reopened.episodeIds(), (QList<qint64>{c, b}));
        reopened.clear();
        QCOMPARE(Queue(m_library.get()).size(), 0);
    }

    void endOfEpisodeAdvancesThroughTheQueue()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        const qint64 first = m_episodeIds.at(2), second = m_episodeIds.at(1);
        player.queue()->playLast(first);
        player.queue()->playLast(second);
        QVERIFY(player.playEpisode(first));
        QCOMPARE(player.queue()->episodeIds(), QList<qint64>{second}); // playing is not "up next"
        backend.finishLoading(600000);
        backend.reachEnd();
        QTRY_COMPARE(player.episodeId(), second);
        QVERIFY(player.isPlaying());
        QVERIFY(player.queue()->isEmpty());
        backend.finishLoading(1200000);
        backend.reachEnd();
        QTest::qWait(50);
        QCOMPARE(player.episodeId(), second); // nothing left: stays on the last one
        QVERIFY(!player.isPlaying());
    }

    void playsAOneOffUrlWithoutTouchingTheLibrary()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QSignalSpy changed(&player, &PlaybackController::episodeChanged);
        QSignalSpy finished(&player, &PlaybackController::episodeFinished);
        const QUrl url(QStringLiteral("https://example.net/talks/Some%20Talk.2024.mp3?x=1"));
        QVERIFY(player.playUrl(url));
        QCOMPARE(changed.count(), 1);
        QVERIFY(player.hasEpisode());
        QVERIFY(player.isOneOff());
        QCOMPARE(player.episodeId(), 0);
        QCOMPARE(player.title(), QStringLiteral("Some Talk.2024"));
        QVERIFY(player.podcastTitle().isEmpty());
        QVERIFY(player.artworkUrl().isEmpty());
        QCOMPARE(player.url(), url);
        QCOMPARE(backend.source(), url);
        QVERIFY(player.isPlaying());

        backend.finishLoading(300000);
        QCOMPARE(player.duration(), 300000);
        player.seek(120000);
        QCOMPARE(backend.position(), 120000);
        player.pause();
        player.savePosition();
        player.play();
        for (const qint64 id : m_episodeIds) {
            QCOMPARE(m_library->episode(id)->positionMs, 0);
            QVERIFY(!m_library->episode(id)->played);
        }

        // Its end moves on to Up Next like any episode's, without marking anything played.
        player.queue()->playLast(m_episodeIds.at(2));
        backend.reachEnd();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toLongLong(), 0);
        QTRY_COMPARE(player.episodeId(), m_episodeIds.at(2));
        QVERIFY(!player.isOneOff());
        QVERIFY(!m_library->episode(m_episodeIds.at(2))->played);
    }

    void playUrlRefusesWhatIsNotAUrl()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(!player.playUrl(QUrl()));
        QVERIFY(!player.errorString().isEmpty());
        QVERIFY(!player.playUrl(QUrl(QStringLiteral("just/a/path.mp3"))));
        QVERIFY(!player.hasEpisode());
        QCOMPARE(backend.sourceChanges, 0);
    }

    void oneOffTitleFallsBackToTheUrl()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.playUrl(QUrl(QStringLiteral("http://radio.example.org/"))));
        QCOMPARE(player.title(), QStringLiteral("http://radio.example.org/"));
        QVERIFY(player.playUrl(QUrl::fromLocalFile(QStringLiteral("/tmp/My File.ogg"))));
        QCOMPARE(player.title(), QStringLiteral("My File"));
    }

    void switchingBetweenEpisodeAndOneOffKeepsTheEpisodesPlace()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        const qint64 id = m_episodeIds.at(1);
        QVERIFY(player.playEpisode(id));
        backend.finishLoading(1200000);
        backend.movePositionTo(50000);
        QVERIFY(player.playUrl(QUrl(QStringLiteral("https://example.net/a.mp3"))));
        QCOMPARE(m_library->episode(id)->positionMs, 50000);
        backend.finishLoading(100000);
        backend.movePositionTo(90000);
        QVERIFY(player.playEpisode(id));
        QVERIFY(!player.isOneOff());
        QCOMPARE(player.title(), QStringLiteral("Episode 2"));
        QCOMPARE(player.position(), 50000); // resumes; the one-off's position went nowhere
        QCOMPARE(m_library->episode(id)->positionMs, 50000);
    }

    void openUrlPrefersTheLibrary()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.openUrl(QUrl(QStringLiteral("https://example.org/2.mp3"))));
        QCOMPARE(player.episodeId(), m_episodeIds.at(1));
        QVERIFY(!player.isOneOff());
        QVERIFY(player.openUrl(QUrl(QStringLiteral("https://example.org/elsewhere.mp3"))));
        QVERIFY(player.isOneOff());
        QCOMPARE(player.title(), QStringLiteral("elsewhere"));
    }

    void playWithNothingLoadedStartsUpNext()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        player.play(); // empty queue: nothing happens
        QVERIFY(!player.hasEpisode());
        player.queue()->playLast(m_episodeIds.at(2));
        player.togglePlayPause();
        QCOMPARE(player.episodeId(), m_episodeIds.at(2));
        QVERIFY(player.isPlaying());
    }

    void previousSkipsBackThenReturnsToTheLastEpisode()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QSignalSpy seeked(&player, &PlaybackController::seeked);
        const qint64 first = m_episodeIds.at(2), second = m_episodeIds.at(1);
        player.setSkipBackSeconds(10);
        QVERIFY(!player.playPrevious()); // nothing loaded

        QVERIFY(player.playEpisode(first));
        backend.finishLoading(600000);
        backend.movePositionTo(40000);
        QVERIFY(player.playEpisode(second));
        backend.finishLoading(1200000);
        backend.movePositionTo(14000);

        QVERIFY(player.playPrevious()); // 14 s in: back 10 s
        QCOMPARE(player.episodeId(), second);
        QCOMPARE(backend.position(), 4000);
        QCOMPARE(seeked.count(), 1);
        QCOMPARE(seeked.at(0).at(0).toLongLong(), 4000);

        QVERIFY(player.playPrevious()); // near the start: the episode before, where it was left
        QCOMPARE(player.episodeId(), first);
        QVERIFY(player.isPlaying());
        QCOMPARE(player.position(), 40000);
        QCOMPARE(player.queue()->episodeIds(), QList<qint64>{second});
        QCOMPARE(m_library->episode(second)->positionMs, 4000);

        // "Next" comes back to it; nothing earlier than the first: previous restarts.
        QVERIFY(player.playNextInQueue());
        QCOMPARE(player.episodeId(), second);
        QVERIFY(player.playPrevious());
        QCOMPARE(player.episodeId(), first);
        backend.finishLoading(600000);
        backend.movePositionTo(3000);
        QVERIFY(player.playPrevious());
        QCOMPARE(player.episodeId(), first);
        QCOMPARE(backend.position(), 0);
    }

    void removingAPodcastEmptiesItFromTheQueue()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        player.queue()->playLast(m_episodeIds.at(1));
        QVERIFY(m_library->removePodcast(m_podcastId));
        QVERIFY(player.queue()->isEmpty());
        QVERIFY(m_library->queue().isEmpty());
    }

    void sleepTimerAfterMinutesFadesAndPauses()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        SleepTimer timer(&player, m_library.get());
        QSignalSpy expired(&timer, &SleepTimer::expired);
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        backend.finishLoading(600000);
        timer.startMinutes(1);
        QVERIFY(timer.isActive());
        QCOMPARE(timer.remainingMs(), 60000);
        timer.advance(45000);
        QCOMPARE(timer.remainingMs(), 15000);
        QCOMPARE(backend.volume(), 1.0f);
        timer.advance(10000); // 5 s left: half-way through the fade
        QVERIFY(qAbs(backend.volume() - 0.5f) < 0.01f);
        timer.extend(5);
        QCOMPARE(timer.remainingMs(), 5000 + 5 * 60000);
        QCOMPARE(backend.volume(), 1.0f);
        timer.advance(5 * 60000 + 5000);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!player.isPlaying());
        QVERIFY(!timer.isActive());
        QCOMPARE(backend.volume(), 1.0f); // the volume is back for the next listen
    }

    void sleepTimerCountsOnlyWhilePlaying()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        SleepTimer timer(&player, m_library.get());
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        backend.finishLoading(600000);
        timer.startMinutes(10);
        player.pause();
        QTest::qWait(2 * SleepTimer::kTickMs);
        QVERIFY(timer.remainingMs() > 10 * 60000 - 100);
        player.play();
        QTRY_VERIFY(timer.remainingMs() <= 10 * 60000 - 2 * SleepTimer::kTickMs);
    }

    void sleepTimerAtEndOfEpisodeDoesNotAdvance()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        SleepTimer timer(&player, m_library.get());
        QSignalSpy expired(&timer, &SleepTimer::expired);
        player.queue()->playLast(m_episodeIds.at(1));
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        backend.finishLoading(600000);
        player.setRate(2.0);
        timer.startEndOfEpisode();
        backend.movePositionTo(500000);
        QCOMPARE(timer.remainingMs(), 50000); // 100 s of audio at 2x
        backend.reachEnd();
        QCOMPARE(expired.count(), 1);
        QTest::qWait(50);
        QCOMPARE(player.episodeId(), m_episodeIds.at(2));
        QCOMPARE(player.queue()->size(), 1);
        QVERIFY(!timer.isActive());
    }

    void sleepTimerAtEndOfChapter()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        SleepTimer timer(&player, m_library.get());
        QSignalSpy expired(&timer, &SleepTimer::expired);
        QVERIFY(player.playEpisode(m_episodeIds.at(2)));
        backend.finishLoading(600000);
        timer.setChapterEndProvider([] { return qint64(120000); });
        timer.startEndOfChapter();
        backend.movePositionTo(100000);
        QCOMPARE(timer.remainingMs(), 20000);
        timer.advance(250);
        QCOMPARE(expired.count(), 0);
        backend.movePositionTo(120000);
        timer.advance(250);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!player.isPlaying());
    }

    void sleepTimerSurvivesARestart()
    {
        FakeBackend backend;
        {
            PlaybackController player(&backend, m_library.get());
            SleepTimer timer(&player, m_library.get());
            timer.startMinutes(20);
            timer.advance(60000);
        }
        {
            PlaybackController player(&backend, m_library.get());
            SleepTimer timer(&player, m_library.get());
            QCOMPARE(timer.mode(), SleepTimer::Mode::Minutes);
            QCOMPARE(timer.remainingMs(), 19 * 60000);
            timer.startEndOfEpisode();
        }
        PlaybackController player(&backend, m_library.get());
        SleepTimer timer(&player, m_library.get());
        QCOMPARE(timer.mode(), SleepTimer::Mode::EndOfEpisode);
        QVERIFY(player.stopAfterEpisode());
        timer.cancel();
        QCOMPARE(SleepTimer(&player, m_library.get()).mode(), SleepTimer::Mode::Off);
    }
    void restartRestoresTheLoadedEpisodePaused()
    {
        const qint64 id = m_episodeIds.at(1);
        {
            FakeBackend backend;
            PlaybackController player(&backend, m_library.get());
            QVERIFY(!player.restoreLastEpisode()); // nothing yet
            QVERIFY(player.playEpisode(id));
            backend.finishLoading(1200000);
            backend.movePositionTo(64000);
        }
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        QVERIFY(player.restoreLastEpisode());
        QCOMPARE(player.episodeId(), id);
        QVERIFY(!player.isPlaying());
        QCOMPARE(player.position(), 64000);
        backend.finishLoading(1200000);
        QCOMPARE(backend.seeks, QList<qint64>{64000});
        // A removed episode is not restored.
        QVERIFY(m_library->removePodcast(m_podcastId));
        FakeBackend other;
        PlaybackController again(&other, m_library.get());
        QVERIFY(!again.restoreLastEpisode());
        QVERIFY(!again.hasEpisode());
    }
};

QTEST_GUILESS_MAIN(TestPlaybackController)
#include "tst_playbackcontroller.moc"
