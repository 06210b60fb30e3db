#pragma once

#include "mediabackend.h"

class QAudioOutput;
class QMediaPlayer;

namespace sidecast {

// MediaBackend on Qt Multimedia (QMediaPlayer + QAudioOutput).
class QtMediaBackend : public MediaBackend
{
    Q_OBJECT
public:
    explicit QtMediaBackend(QObject *parent = nullptr);
    ~QtMediaBackend() override;

    QString name() const override { return QStringLiteral("qt"); }
    void setSource(const QUrl &url) override;
    QUrl source() const override;
    void play() override;
    void pause() override;
    void stop() override;
    void setPosition(qint64 ms) override;
    qint64 position() const override;
    qint64 duration() const override;
    State state() const override;
    Status status() const override;
    bool isSeekable() const override;
    void setVolume(float volume) override;
    float volume() const override;
    void setMuted(bool muted) override;
    bool isMuted() const override;
    void setPlaybackRate(double rate) override;
    double playbackRate() const override;
    QString errorString() const override;

private:
    QMediaPlayer *m_player;
    QAudioOutput *m_output;
    double m_rate = 1.0;
};

} // namespace sidecast
