#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace sidecast {

class Library;
class PlaybackController;

// Stops playback after a while: after N minutes of listening, at the end of the episode, or at
// the end of the current chapter. The last seconds fade out. The countdown runs only while
// something plays, and its state survives a restart.
class SleepTimer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Mode mode READ mode NOTIFY changed)
    Q_PROPERTY(bool active READ isActive NOTIFY changed)
    Q_PROPERTY(int remainingMs READ remainingMs NOTIFY remainingChanged)

public:
    enum class Mode
    {
        Off,
        Minutes,
        EndOfEpisode,
        EndOfChapter
    };
    Q_ENUM(Mode)

    static constexpr int kFadeMs = 10000;
    static constexpr int kTickMs = 250;

    SleepTimer(PlaybackController *player, Library *library, QObject *parent = nullptr);
    ~SleepTimer() override;

    Mode mode() const { return m_mode; }
    bool isActive() const { return m_mode != Mode::Off; }
    // Time left before playback stops, in listening time (so at 2x an episode's end comes sooner).
    qint64 remainingMs() const;

    Q_INVOKABLE void startMinutes(int minutes);
    Q_INVOKABLE void startEndOfEpisode();
    Q_INVOKABLE void startEndOfChapter();
    // "+5 min": adds time to a running timer (an end-of-episode timer becomes a minutes timer).
    Q_INVOKABLE void extend(int minutes = 5);
    Q_INVOKABLE void cancel();

    // Advances the countdown by `elapsedMs` of playing time. Called by the internal clock; public
    // so tests can drive time.
    void advance(qint64 elapsedMs);
    // Where the current chapter ends (ms into the episode; -1 or no provider: with the episode);
    // the player's chapters feed this. The end is taken when "end of the chapter" starts, and
    // again after a seek, when another episode loads and on updateChapterEnd(), but not as the
    // position advances: past the end, the next chapter's end must not take its place.
    void setChapterEndProvider(std::function<qint64()> provider);
    // Takes the chapter's end from the provider again (call it when the chapters change).
    void updateChapterEnd();

Q_SIGNALS:
    void changed();
    void remainingChanged();
    void expired();

private:
    void setMode(Mode mode, qint64 remainingMs);
    void onTick();
    void updateFade();
    void fire();
    void persist();
    qint64 remainingToMediaMark(qint64 markMs) const;

    PlaybackController *m_player;
    Library *m_library;
    QTimer m_clock;
    QElapsedTimer m_sinceTick;
    Mode m_mode = Mode::Off;
    qint64 m_remainingMs = 0; // Minutes mode only
    std::function<qint64()> m_chapterEnd;
    qint64 m_chapterEndMs = -1; // EndOfChapter: where it stops; -1: at the episode's end
};

} // namespace sidecast
