#include "gstmediabackend.h"

#include "effects/gstaudioeffects.h"

#include <QAbstractEventDispatcher>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>

#include <gst/audio/audio.h>
#include <gst/gst.h>

Q_DECLARE_LOGGING_CATEGORY(lcPlayer)

namespace sidecast {

namespace {

// playbin's GstPlayFlags live in a private header of the plugin; these values are stable API.
constexpr guint kPlayFlagVideo = 1u << 0;
constexpr guint kPlayFlagText = 1u << 2;

constexpr int kPositionIntervalMs = 100;
constexpr int kBusPollIntervalMs = 20;

bool ensureGstreamer()
{
    static const bool initialized = [] {
        GError *error = nullptr;
        if (!gst_init_check(nullptr, nullptr, &error)) {
            qCWarning(lcPlayer).noquote()
                << "GStreamer could not be initialized:"
                << (error ? QString::fromUtf8(error->message) : QString());
            g_clear_error(&error);
            return false;
        }
        return true;
    }();
    return initialized;
}

qint64 toMs(gint64 ns)
{
    return ns / GST_MSECOND;
}

QString describeSource(const QUrl &url)
{
    return url.isLocalFile() ? url.toLocalFile() : url.toDisplayString();
}

// A sentence for the listener, not GStreamer's developer text (that goes to the log).
QString describeError(const GError *error, const QUrl &source)
{
    const QString where = describeSource(source);
    const auto open = [&where](const QString &why) -> QString {
        return QStringLiteral("Could not open %1: %2").arg(where, why);
    };
    if (error->domain == GST_RESOURCE_ERROR) {
        switch (error->code) {
        case GST_RESOURCE_ERROR_NOT_FOUND:
            return open(source.isLocalFile() ? QStringLiteral("file not found")
                                             : QStringLiteral("not found"));
        case GST_RESOURCE_ERROR_OPEN_READ:
        case GST_RESOURCE_ERROR_OPEN_READ_WRITE:
        case GST_RESOURCE_ERROR_READ:
            return open(QStringLiteral("it could not be read"));
        case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
            return open(QStringLiteral("access denied"));
        default:
            break;
        }
    } else if (error->domain == GST_STREAM_ERROR) {
        switch (error->code) {
        case GST_STREAM_ERROR_TYPE_NOT_FOUND:
        case GST_STREAM_ERROR_WRONG_TYPE:
            return open(QStringLiteral("not an audio format the player understands"));
        case GST_STREAM_ERROR_CODEC_NOT_FOUND:
            return open(QStringLiteral("no decoder for its format is installed"));
        case GST_STREAM_ERROR_DECODE:
        case GST_STREAM_ERROR_DEMUX:
            return QStringLiteral(
                       "Could not play %1: the file is damaged or its format is not supported")
                .arg(where);
        default:
            break;
        }
    } else if (error->domain == GST_CORE_ERROR && error->code == GST_CORE_ERROR_MISSING_PLUGIN) {
        return open(QStringLiteral("a GStreamer plugin it needs is not installed"));
    }
    return QStringLiteral("Could not play %1: %2").arg(where, QString::fromUtf8(error->message));
}

} // namespace

bool GstMediaBackend::isAvailable()
{
    if (!ensureGstreamer())
        return false;
    GstElementFactory *factory = gst_element_factory_find("playbin");
    if (!factory)
        return false;
    gst_object_unref(factory);
    return true;
}

GstMediaBackend::GstMediaBackend(QObject *parent)
    : MediaBackend(parent)
{
    m_positionTimer.setInterval(kPositionIntervalMs);
    connect(&m_positionTimer, &QTimer::timeout, this, &GstMediaBackend::updatePosition);

    if (!ensureGstreamer())
        return;
    m_playbin = gst_element_factory_make("playbin", "sidecast-player");
    if (!m_playbin) {
        qCWarning(lcPlayer) << "GStreamer's playbin element is missing (gstreamer1.0-plugins-base)";
        return;
    }
    gst_object_ref_sink(m_playbin);

    // A podcast player: audio only, even when an episode carries video or subtitles.
    guint flags = 0;
    g_object_get(m_playbin, "flags", &flags, nullptr);
    g_object_set(m_playbin, "flags", flags & ~(kPlayFlagVideo | kPlayFlagText), nullptr);

    if (GstElement *filter = makeAudioFilter())
        g_object_set(m_playbin, "audio-filter", filter, nullptr); // playbin takes it

    m_bus = gst_element_get_bus(m_playbin);
    // Qt on Linux normally runs on the GLib main loop; then a bus watch on this thread's main
    // context delivers messages without polling. Without GLib (QT_NO_GLIB=1, other platforms) the
    // bus is polled.
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread());
    if (dispatcher && dispatcher->inherits("QEventDispatcherGlib")) {
        m_busWatch = gst_bus_create_watch(m_bus);
        g_source_set_callback(m_busWatch, G_SOURCE_FUNC(&GstMediaBackend::onBusMessage), this,
                              nullptr);
        g_source_attach(m_busWatch, g_main_context_get_thread_default());
    } else {
        m_busPoll.setInterval(kBusPollIntervalMs);
        connect(&m_busPoll, &QTimer::timeout, this, &GstMediaBackend::drainBus);
        m_busPoll.start();
    }
    qCDebug(lcPlayer) << "GStreamer bus messages"
                      << (m_busWatch ? "arrive through the GLib main loop" : "are polled");
}

GstMediaBackend::~GstMediaBackend()
{
    m_positionTimer.stop();
    m_busPoll.stop();
    if (m_busWatch) {
        g_source_destroy(m_busWatch);
        g_source_unref(m_busWatch);
    }
    if (m_playbin) {
        gst_element_set_state(m_playbin, GST_STATE_NULL);
        gst_object_unref(m_playbin);
    }
    if (m_bus)
        gst_object_unref(m_bus);
}

GstElement *GstMediaBackend::makeAudioFilter()
{
    GstElement *scaletempo = gst_element_factory_make("scaletempo", nullptr);
    if (!scaletempo)
        qCWarning(lcPlayer)
            << "GStreamer's scaletempo element is missing: speed changes will change the pitch";
    if (!gst::registerAudioEffects()) {
        qCWarning(lcPlayer) << "the audio effects could not be registered with GStreamer";
        return scaletempo;
    }
    GstElement *convert = gst_element_factory_make("audioconvert", nullptr);
    GstElement *format = gst_element_factory_make("capsfilter", nullptr);
    GstElement *trim = gst_element_factory_make(gst::kSilenceTrimElement, nullptr);
    GstElement *boost = gst_element_factory_make(gst::kVoiceBoostElement, nullptr);
    if (!convert || !format || !trim || !boost) {
        qCWarning(lcPlayer) << "audioconvert or capsfilter is missing: no audio effects";
        for (GstElement *element : {convert, format, trim, boost}) {
            if (element)
                gst_object_unref(gst_object_ref_sink(element));
        }
        return scaletempo;
    }
    GstCaps *caps = gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, GST_AUDIO_NE(F32),
                                        "layout", G_TYPE_STRING, "interleaved", nullptr);
    g_object_set(format, "caps", caps, nullptr);
    gst_caps_unref(caps);

    GstElement *bin = gst_bin_new("sidecast-audio-filter");
    gst_bin_add_many(GST_BIN(bin), convert, format, trim, boost, nullptr);
    bool linked = gst_element_link_many(convert, format, trim, nullptr);
    if (scaletempo) {
        gst_bin_add(GST_BIN(bin), scaletempo);
        linked = linked && gst_element_link_many(trim, scaletempo, boost, nullptr);
    } else {
        linked = linked && gst_element_link(trim, boost);
    }
    GstPad *sink = gst_element_get_static_pad(convert, "sink");
    GstPad *src = gst_element_get_static_pad(boost, "src");
    gst_element_add_pad(bin, gst_ghost_pad_new("sink", sink));
    gst_element_add_pad(bin, gst_ghost_pad_new("src", src));
    gst_object_unref(sink);
    gst_object_unref(src);
    if (!linked) {
        qCWarning(lcPlayer) << "the audio filter chain could not be linked: no audio effects";
        gst_object_unref(gst_object_ref_sink(bin));
        return gst_element_factory_make("scaletempo", nullptr);
    }
    m_trim = trim;
    m_boost = boost;
    return bin;
}

void GstMediaBackend::setTrimSilence(bool on)
{
    m_trimSilence = on && m_trim;
    if (m_trim)
        g_object_set(m_trim, "enabled", gboolean(m_trimSilence), nullptr);
}

void GstMediaBackend::setVoiceBoost(bool on)
{
    m_voiceBoost = on && m_boost;
    if (m_boost)
        g_object_set(m_boost, "enabled", gboolean(m_voiceBoost), nullptr);
}

quint64 GstMediaBackend::removedNs() const
{
    guint64 ns = 0;
    if (m_trim)
        g_object_get(m_trim, "removed-time", &ns, nullptr);
    return ns;
}

qint64 GstMediaBackend::silenceSavedMs() const
{
    // Read from the element, not from the last report: exact at any moment, e.g. right before the
    // source changes.
    const quint64 ns = removedNs();
    return ns > m_removedAtSourceNs ? qint64((ns - m_removedAtSourceNs) / GST_MSECOND) : 0;
}

void GstMediaBackend::updateSilenceSaved()
{
    const qint64 ms = silenceSavedMs();
    if (ms != m_silenceSavedMs) {
        m_silenceSavedMs = ms;
        Q_EMIT silenceSavedMsChanged(ms);
    }
}

int GstMediaBackend::onBusMessage(GstBus *, GstMessage *message, void *self)
{
    static_cast<GstMediaBackend *>(self)->handleMessage(message);
    return G_SOURCE_CONTINUE;
}

void GstMediaBackend::drainBus()
{
    while (GstMessage *message = gst_bus_pop(m_bus)) {
        handleMessage(message);
        gst_message_unref(message);
    }
}

void GstMediaBackend::handleMessage(GstMessage *message)
{
    switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_ASYNC_DONE:
        onPrerolled();
        break;
    case GST_MESSAGE_STATE_CHANGED:
        if (GST_MESSAGE_SRC(message) == GST_OBJECT(m_playbin)) {
            GstState newState = GST_STATE_NULL;
            gst_message_parse_state_changed(message, nullptr, &newState, nullptr);
            if (newState == GST_STATE_PLAYING &&
                (m_status == Status::Loaded || m_status == Status::Loading))
                setStatusTo(Status::Buffered);
        }
        break;
    case GST_MESSAGE_DURATION_CHANGED:
        updateDuration();
        break;
    case GST_MESSAGE_BUFFERING: {
        gint percent = 100;
        gst_message_parse_buffering(message, &percent);
        onBuffering(percent);
        break;
    }
    case GST_MESSAGE_EOS:
        onEndOfStream();
        break;
    case GST_MESSAGE_ERROR:
        onError(message);
        break;
    case GST_MESSAGE_WARNING: {
        GError *error = nullptr;
        gchar *debug = nullptr;
        gst_message_parse_warning(message, &error, &debug);
        // Not fatal, and often not news: autoaudiosink warns about every sink it tries and skips.
        qCInfo(lcPlayer).noquote() << "GStreamer warning:" << QString::fromUtf8(error->message)
                                   << QString::fromUtf8(debug ? debug : "");
        g_clear_error(&error);
        g_free(debug);
        break;
    }
    default:
        break;
    }
}

void GstMediaBackend::setSource(const QUrl &url)
{
    m_positionTimer.stop();
    if (m_playbin) {
        gst_element_set_state(m_playbin, GST_STATE_NULL);
        // Whatever the old source still had queued on the bus is no longer news.
        gst_bus_set_flushing(m_bus, TRUE);
        gst_bus_set_flushing(m_bus, FALSE);
    }
    m_source = url;
    m_removedAtSourceNs = removedNs();
    if (m_silenceSavedMs != 0) {
        m_silenceSavedMs = 0;
        Q_EMIT silenceSavedMsChanged(0);
    }
    m_prerolled = false;
    m_seekPending = false;
    m_buffering = false;
    m_pendingSeekMs = -1;
    m_errorString.clear();
    setStateTo(State::Stopped);
    if (m_position != 0) {
        m_position = 0;
        Q_EMIT positionChanged(0);
    }
    if (m_duration != 0) {
        m_duration = 0;
        Q_EMIT durationChanged(0);
    }
    if (m_seekable) {
        m_seekable = false;
        Q_EMIT seekableChanged(false);
    }
    if (url.isEmpty()) {
        setStatusTo(Status::NoMedia);
        return;
    }
    if (!m_playbin) {
        fail(QStringLiteral("Could not open %1: GStreamer's playbin is not installed")
                 .arg(describeSource(url)));
        return;
    }
    const QUrl uri =
        url.isRelative() ? QUrl::fromLocalFile(QFileInfo(url.path()).absoluteFilePath()) : url;
    g_object_set(m_playbin, "uri", uri.toEncoded().constData(), nullptr);
    setStatusTo(Status::Loading);
    // Preroll right away, as QMediaPlayer does: duration and seeking are known before play().
    setGstState(GST_STATE_PAUSED);
}

void GstMediaBackend::play()
{
    if (m_source.isEmpty() || !m_playbin)
        return;
    if (m_status == Status::Invalid)
        setSource(QUrl(m_source)); // try again from scratch
    if (m_status == Status::EndOfMedia) {
        seekTo(0);
        setStatusTo(Status::Buffered);
    }
    setStateTo(State::Playing);
    applyTargetState();
    m_positionTimer.start();
}

void GstMediaBackend::pause()
{
    if (m_source.isEmpty() || !m_playbin || m_status == Status::Invalid)
        return;
    setStateTo(State::Paused);
    applyTargetState();
    m_positionTimer.stop();
    updatePosition();
}

void GstMediaBackend::stop()
{
    if (m_source.isEmpty() || !m_playbin || m_status == Status::Invalid)
        return;
    setStateTo(State::Stopped);
    m_positionTimer.stop();
    applyTargetState();
    if (m_prerolled) {
        seekTo(0);
        if (m_status == Status::EndOfMedia)
            setStatusTo(Status::Loaded);
    } else {
        m_pendingSeekMs = -1;
        if (m_position != 0) {
            m_position = 0;
            Q_EMIT positionChanged(0);
        }
    }
}

void GstMediaBackend::setPosition(qint64 ms)
{
    ms = qMax<qint64>(0, ms);
    if (m_duration > 0)
        ms = qMin(ms, m_duration);
    if (m_source.isEmpty() || !m_playbin || m_status == Status::Invalid)
        return;
    if (!m_prerolled) {
        m_pendingSeekMs = ms; // applied with the rate once the media has prerolled
        if (m_position != ms) {
            m_position = ms;
            Q_EMIT positionChanged(ms);
        }
        return;
    }
    if (m_status == Status::EndOfMedia) {
        // Seeking back from the end: the pipeline waits in PAUSED and prerolls at the new place.
        setStatusTo(m_state == State::Playing ? Status::Buffered : Status::Loaded);
    }
    seekTo(ms);
}

qint64 GstMediaBackend::position() const
{
    // While a seek is on its way the pipeline may still answer with the old place; the target is
    // the truth the caller expects.
    if (!m_playbin || !m_prerolled || m_seekPending || m_status == Status::EndOfMedia)
        return m_position;
    gint64 ns = 0;
    if (gst_element_query_position(m_playbin, GST_FORMAT_TIME, &ns) && ns >= 0)
        return toMs(ns);
    return m_position;
}

void GstMediaBackend::setVolume(float volume)
{
    m_volume = qBound(0.0f, volume, 1.0f);
    if (m_playbin)
        g_object_set(m_playbin, "volume", gdouble(m_volume), nullptr);
}

void GstMediaBackend::setMuted(bool muted)
{
    m_muted = muted;
    if (m_playbin)
        g_object_set(m_playbin, "mute", gboolean(muted), nullptr);
}

void GstMediaBackend::setPlaybackRate(double rate)
{
    if (rate <= 0.0 || qFuzzyCompare(rate, m_rate))
        return;
    m_rate = rate;
    // Before the preroll the rate goes with the first seek; at the end it goes with play()'s seek
    // back to the start.
    if (m_prerolled && m_status != Status::EndOfMedia && m_status != Status::Invalid)
        seekTo(position());
}

bool GstMediaBackend::seekTo(qint64 ms)
{
    const auto flags = GstSeekFlags(GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE);
    if (!gst_element_seek(m_playbin, m_rate, GST_FORMAT_TIME, flags, GST_SEEK_TYPE_SET,
                          ms * GST_MSECOND, GST_SEEK_TYPE_NONE, gint64(GST_CLOCK_TIME_NONE))) {
        qCWarning(lcPlayer) << "seek to" << ms << "ms at rate" << m_rate << "failed";
        return false;
    }
    m_seekPending = true;
    if (m_position != ms) {
        m_position = ms;
        Q_EMIT positionChanged(ms);
    }
    return true;
}

void GstMediaBackend::onPrerolled()
{
    m_seekPending = false;
    if (m_prerolled) {
        updatePosition();
        return;
    }
    m_prerolled = true;
    updateDuration();
    updateSeekable();
    // What was asked for before the media was ready: a start position and a rate. One seek carries
    // both; playback starts only after it, so not a moment plays at the wrong speed.
    const qint64 start = qMax<qint64>(0, m_pendingSeekMs);
    m_pendingSeekMs = -1;
    if (start > 0 || !qFuzzyCompare(m_rate, 1.0))
        seekTo(start);
    setStatusTo(Status::Loaded);
    applyTargetState();
}

void GstMediaBackend::onEndOfStream()
{
    m_positionTimer.stop();
    updateSilenceSaved();
    m_seekPending = false;
    const qint64 end = m_duration > 0 ? m_duration : position();
    if (m_position != end) {
        m_position = end;
        Q_EMIT positionChanged(end);
    }
    setGstState(GST_STATE_PAUSED);
    setStateTo(State::Stopped);
    setStatusTo(Status::EndOfMedia);
}

void GstMediaBackend::onError(GstMessage *message)
{
    GError *error = nullptr;
    gchar *debug = nullptr;
    gst_message_parse_error(message, &error, &debug);
    // One failure often arrives as several messages (the element's, then the state change's):
    // the first one is the story.
    if (m_status != Status::Invalid) {
        qCWarning(lcPlayer).noquote() << "playback error:" << QString::fromUtf8(error->message)
                                      << QString::fromUtf8(debug ? debug : "");
        fail(describeError(error, m_source));
    }
    g_clear_error(&error);
    g_free(debug);
}

void GstMediaBackend::onBuffering(int percent)
{
    // A network stream refills its buffer: hold playback until it is full again.
    const bool buffering = percent < 100;
    if (buffering != m_buffering) {
        m_buffering = buffering;
        applyTargetState();
    }
    if (!m_prerolled || m_status == Status::EndOfMedia || m_status == Status::Invalid)
        return;
    setStatusTo(buffering ? Status::Buffering : Status::Buffered);
}

void GstMediaBackend::fail(const QString &message)
{
    m_positionTimer.stop();
    if (m_playbin)
        gst_element_set_state(m_playbin, GST_STATE_NULL);
    m_prerolled = false;
    m_seekPending = false;
    m_errorString = message;
    setStateTo(State::Stopped);
    Q_EMIT errorOccurred(message);
    setStatusTo(Status::Invalid);
}

void GstMediaBackend::applyTargetState()
{
    if (!m_playbin || m_source.isEmpty() || m_status == Status::Invalid)
        return;
    // Until the first preroll the pipeline stays in PAUSED, so a rate or position asked for early
    // is in place before the first sample plays.
    const bool run = m_prerolled && m_state == State::Playing && !m_buffering;
    setGstState(run ? GST_STATE_PLAYING : GST_STATE_PAUSED);
}

void GstMediaBackend::setGstState(int state)
{
    if (gst_element_set_state(m_playbin, GstState(state)) == GST_STATE_CHANGE_FAILURE)
        qCDebug(lcPlayer) << "state change to" << gst_element_state_get_name(GstState(state))
                          << "failed";
    // The reason, if any, follows as an error message on the bus.
}

void GstMediaBackend::updateDuration()
{
    gint64 ns = 0;
    if (!m_playbin || !gst_element_query_duration(m_playbin, GST_FORMAT_TIME, &ns) || ns <= 0)
        return;
    const qint64 ms = toMs(ns);
    if (ms != m_duration) {
        m_duration = ms;
        Q_EMIT durationChanged(ms);
    }
}

void GstMediaBackend::updateSeekable()
{
    bool seekable = false;
    GstQuery *query = gst_query_new_seeking(GST_FORMAT_TIME);
    if (gst_element_query(m_playbin, query)) {
        gboolean canSeek = FALSE;
        gst_query_parse_seeking(query, nullptr, &canSeek, nullptr, nullptr);
        seekable = canSeek;
    }
    gst_query_unref(query);
    if (seekable != m_seekable) {
        m_seekable = seekable;
        Q_EMIT seekableChanged(seekable);
    }
}

void GstMediaBackend::updatePosition()
{
    updateSilenceSaved();
    if (m_seekPending)
        return;
    const qint64 ms = position();
    if (ms != m_position) {
        m_position = ms;
        Q_EMIT positionChanged(ms);
    }
}

void GstMediaBackend::setStateTo(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void GstMediaBackend::setStatusTo(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

} // namespace sidecast
