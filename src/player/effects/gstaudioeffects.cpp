#include "gstaudioeffects.h"

#include "silencetrimmer.h"
#include "voiceboost.h"

#include <gst/audio/audio.h>
#include <gst/audio/gstaudiofilter.h>
#include <gst/gst.h>

#include <atomic>
#include <cstring>
#include <vector>

// Why an element of our own rather than removesilence (gst-plugins-bad): removesilence drops
// whole buffers (as long as the decoder makes them), cuts a pause down to nothing rather than to
// a natural short one, reads any format as 16-bit mono, and with "squash" it moves the timestamps
// back, so the pipeline's position drifts away from the media's with every cut and seeking lands
// in the wrong place. It does not tell how much it removed either.
//
// Here a cut moves the segment instead of the timestamps: buffers keep their media timestamps and
// a new segment that starts later by the time cut out (start and time moved together) keeps the
// running time continuous. The sink then plays straight on, the position it reports stays media
// time, seeking and rate changes need nothing special, and scaletempo after us converts the new
// segment like any other.

namespace sidecast::gst {

namespace {

// ---- sidecastsilencetrim -------------------------------------------------------------------

struct TrimState
{
    std::atomic<bool> enabled{false};
    std::atomic<guint64> removedNs{0};

    // Streaming thread only.
    SilenceTrimmer trimmer;
    bool active = false; // the trimmer has the stream (frames counted from `anchor`)
    GstSegment segment;  // as upstream sent it
    bool haveSegment = false;
    guint32 seqnum = 0;
    GstClockTime anchor = GST_CLOCK_TIME_NONE; // the timestamp of the trimmer's frame 0
    qint64 nextOut = 0;                        // the trimmer frame expected next downstream
    guint64 shift = 0;                         // how much later our segment starts than upstream's
    bool segmentPending = false;               // the shifted segment still has to go downstream
    int rate = 0;
    int channels = 0;
    std::vector<SilenceTrimmer::Chunk> chunks;

    GstClockTime frameTime(qint64 frame) const
    {
        return anchor + gst_util_uint64_scale_int(guint64(frame), GST_SECOND, rate);
    }
};

struct TrimElement
{
    GstElement parent;
    GstPad *sinkpad;
    GstPad *srcpad;
    TrimState *d;
};

struct TrimElementClass
{
    GstElementClass parent_class;
};

enum
{
    PROP_0,
    PROP_ENABLED,
    PROP_REMOVED_TIME,
};

#define FLOAT_CAPS GST_AUDIO_CAPS_MAKE(GST_AUDIO_NE(F32))

GstStaticPadTemplate trimSinkTemplate =
    GST_STATIC_PAD_TEMPLATE("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS(FLOAT_CAPS));
GstStaticPadTemplate trimSrcTemplate =
    GST_STATIC_PAD_TEMPLATE("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS(FLOAT_CAPS));

G_DEFINE_TYPE(TrimElement, sidecast_trim_element, GST_TYPE_ELEMENT)

TrimElement *asTrim(gpointer object)
{
    return reinterpret_cast<TrimElement *>(object);
}

void pushShiftedSegment(TrimElement *self)
{
    TrimState *d = self->d;
    d->segmentPending = false;
    GstSegment segment = d->segment;
    segment.start += d->shift;
    if (GST_CLOCK_TIME_IS_VALID(segment.time))
        segment.time += d->shift;
    if (GST_CLOCK_TIME_IS_VALID(segment.stop) && segment.start > segment.stop)
        segment.start = segment.stop;
    if (!GST_CLOCK_TIME_IS_VALID(segment.position) || segment.position < segment.start)
        segment.position = segment.start;
    GstEvent *event = gst_event_new_segment(&segment);
    gst_event_set_seqnum(event, d->seqnum);
    gst_pad_push_event(self->srcpad, event);
}

// Audio between two trimmer frames was cut out: from now on our segment starts that much later.
void noteCut(TrimState *d, qint64 fromFrame, qint64 toFrame)
{
    if (toFrame <= fromFrame)
        return;
    const GstClockTime removed = d->frameTime(toFrame) - d->frameTime(fromFrame);
    d->shift += removed;
    d->removedNs.fetch_add(removed);
    d->segmentPending = true;
}

GstFlowReturn pushChunks(TrimElement *self)
{
    TrimState *d = self->d;
    const int bytesPerFrame = d->channels * int(sizeof(float));
    GstFlowReturn result = GST_FLOW_OK;
    for (SilenceTrimmer::Chunk &chunk : d->chunks) {
        noteCut(d, d->nextOut, chunk.startFrame);
        if (d->segmentPending)
            pushShiftedSegment(self);
        const qint64 frames = qint64(chunk.samples.size()) / d->channels;
        GstBuffer *buffer =
            gst_buffer_new_allocate(nullptr, gsize(frames * bytesPerFrame), nullptr);
        gst_buffer_fill(buffer, 0, chunk.samples.data(), gsize(frames * bytesPerFrame));
        const GstClockTime pts = d->frameTime(chunk.startFrame);
        GST_BUFFER_PTS(buffer) = pts;
        GST_BUFFER_DURATION(buffer) = d->frameTime(chunk.startFrame + frames) - pts;
        d->nextOut = chunk.startFrame + frames;
        result = gst_pad_push(self->srcpad, buffer);
        if (result != GST_FLOW_OK)
            break;
    }
    d->chunks.clear();
    return result;
}

// Hands downstream whatever the trimmer still holds and gives the stream back to passthrough.
// allowCuts: the stream ends here (a long pause before this point may still be shortened); else
// everything held is kept (trimming was switched off, the format changes).
GstFlowReturn drain(TrimElement *self, bool allowCuts)
{
    TrimState *d = self->d;
    if (!d->active)
        return GST_FLOW_OK;
    d->active = false;
    d->trimmer.flush(d->chunks, allowCuts);
    const GstFlowReturn result = pushChunks(self);
    // A cut right before the end: what follows (passthrough, a new anchor) is later by that much.
    noteCut(d, d->nextOut, d->trimmer.framesIn());
    d->nextOut = d->trimmer.framesIn();
    return result;
}

void resetStream(TrimState *d)
{
    d->active = false;
    d->haveSegment = false;
    d->shift = 0;
    d->segmentPending = false;
    d->nextOut = 0;
    d->chunks.clear();
    if (d->rate > 0)
        d->trimmer.configure(d->rate, d->channels);
}

GstFlowReturn trimChain(GstPad *, GstObject *parent, GstBuffer *buffer)
{
    TrimElement *self = asTrim(parent);
    TrimState *d = self->d;
    const bool trim = d->enabled.load() && d->rate > 0 && d->haveSegment &&
                      d->segment.format == GST_FORMAT_TIME && d->segment.rate > 0 &&
                      GST_BUFFER_PTS_IS_VALID(buffer);
    if (!trim) {
        const GstFlowReturn drained = drain(self, false);
        if (drained != GST_FLOW_OK) {
            gst_buffer_unref(buffer);
            return drained;
        }
        if (d->segmentPending)
            pushShiftedSegment(self);
        return gst_pad_push(self->srcpad, buffer);
    }

    const GstClockTime pts = GST_BUFFER_PTS(buffer);
    if (d->active) {
        // Timestamps that do not follow on: a jump in the media. Finish what is held as if the
        // stream ended, then count from this buffer.
        const GstClockTime expected = d->frameTime(d->trimmer.framesIn());
        const GstClockTime tolerance = 20 * GST_MSECOND;
        if (GST_BUFFER_IS_DISCONT(buffer) || pts + tolerance < expected ||
            pts > expected + tolerance) {
            const GstFlowReturn drained = drain(self, true);
            if (drained != GST_FLOW_OK) {
                gst_buffer_unref(buffer);
                return drained;
            }
        }
    }
    if (!d->active) {
        d->trimmer.reset();
        d->anchor = pts;
        d->nextOut = 0;
        d->active = true;
    }

    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_READ)) {
        gst_buffer_unref(buffer);
        return GST_FLOW_ERROR;
    }
    const qint64 frames = qint64(map.size / (sizeof(float) * size_t(d->channels)));
    d->trimmer.process(reinterpret_cast<const float *>(map.data), frames, d->chunks);
    gst_buffer_unmap(buffer, &map);
    gst_buffer_unref(buffer);
    return pushChunks(self);
}

gboolean trimSinkEvent(GstPad *pad, GstObject *parent, GstEvent *event)
{
    TrimElement *self = asTrim(parent);
    TrimState *d = self->d;
    switch (GST_EVENT_TYPE(event)) {
    case GST_EVENT_FLUSH_STOP:
        resetStream(d);
        break;
    case GST_EVENT_SEGMENT:
        drain(self, true);
        gst_event_copy_segment(event, &d->segment);
        d->haveSegment = true;
        d->seqnum = gst_event_get_seqnum(event);
        d->shift = 0;
        d->segmentPending = false;
        break;
    case GST_EVENT_CAPS: {
        drain(self, false);
        GstCaps *caps = nullptr;
        gst_event_parse_caps(event, &caps);
        GstAudioInfo info;
        if (gst_audio_info_from_caps(&info, caps)) {
            d->rate = GST_AUDIO_INFO_RATE(&info);
            d->channels = GST_AUDIO_INFO_CHANNELS(&info);
            d->trimmer.configure(d->rate, d->channels);
        }
        break;
    }
    case GST_EVENT_EOS:
    case GST_EVENT_GAP:
        drain(self, GST_EVENT_TYPE(event) == GST_EVENT_EOS);
        if (d->segmentPending)
            pushShiftedSegment(self);
        break;
    default:
        break;
    }
    return gst_pad_event_default(pad, parent, event);
}

GstStateChangeReturn trimChangeState(GstElement *element, GstStateChange transition)
{
    const GstStateChangeReturn result =
        GST_ELEMENT_CLASS(sidecast_trim_element_parent_class)->change_state(element, transition);
    if (transition == GST_STATE_CHANGE_PAUSED_TO_READY)
        resetStream(asTrim(element)->d);
    return result;
}

void trimSetProperty(GObject *object, guint id, const GValue *value, GParamSpec *spec)
{
    if (id == PROP_ENABLED)
        asTrim(object)->d->enabled.store(g_value_get_boolean(value));
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, spec);
}

void trimGetProperty(GObject *object, guint id, GValue *value, GParamSpec *spec)
{
    const TrimState *d = asTrim(object)->d;
    if (id == PROP_ENABLED)
        g_value_set_boolean(value, d->enabled.load());
    else if (id == PROP_REMOVED_TIME)
        g_value_set_uint64(value, d->removedNs.load());
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, spec);
}

void trimFinalize(GObject *object)
{
    delete asTrim(object)->d;
    G_OBJECT_CLASS(sidecast_trim_element_parent_class)->finalize(object);
}

void sidecast_trim_element_class_init(TrimElementClass *klass)
{
    GObjectClass *objectClass = G_OBJECT_CLASS(klass);
    GstElementClass *elementClass = GST_ELEMENT_CLASS(klass);
    objectClass->set_property = trimSetProperty;
    objectClass->get_property = trimGetProperty;
    objectClass->finalize = trimFinalize;
    g_object_class_install_property(
        objectClass, PROP_ENABLED,
        g_param_spec_boolean("enabled", "Enabled", "Shorten long pauses", FALSE,
                             GParamFlags(G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
    g_object_class_install_property(
        objectClass, PROP_REMOVED_TIME,
        g_param_spec_uint64("removed-time", "Removed time",
                            "Media time cut out so far, in nanoseconds", 0, G_MAXUINT64, 0,
                            GParamFlags(G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
    elementClass->change_state = trimChangeState;
    gst_element_class_add_static_pad_template(elementClass, &trimSinkTemplate);
    gst_element_class_add_static_pad_template(elementClass, &trimSrcTemplate);
    gst_element_class_set_static_metadata(elementClass, "Sidecast silence trimmer",
                                          "Filter/Effect/Audio", "Shortens long pauses in speech",
                                          "Sidecast");
}

void sidecast_trim_element_init(TrimElement *self)
{
    self->d = new TrimState;
    gst_segment_init(&self->d->segment, GST_FORMAT_UNDEFINED);
    self->sinkpad = gst_pad_new_from_static_template(&trimSinkTemplate, "sink");
    gst_pad_set_chain_function(self->sinkpad, trimChain);
    gst_pad_set_event_function(self->sinkpad, trimSinkEvent);
    GST_PAD_SET_PROXY_CAPS(self->sinkpad);
    GST_PAD_SET_PROXY_ALLOCATION(self->sinkpad);
    gst_element_add_pad(GST_ELEMENT(self), self->sinkpad);
    self->srcpad = gst_pad_new_from_static_template(&trimSrcTemplate, "src");
    GST_PAD_SET_PROXY_CAPS(self->srcpad);
    GST_PAD_SET_PROXY_ALLOCATION(self->srcpad);
    gst_element_add_pad(GST_ELEMENT(self), self->srcpad);
}

// ---- sidecastvoiceboost --------------------------------------------------------------------

struct BoostState
{
    std::atomic<bool> enabled{false};
    VoiceBoost boost; // streaming thread only
};

struct BoostElement
{
    GstAudioFilter parent;
    BoostState *d;
};

struct BoostElementClass
{
    GstAudioFilterClass parent_class;
};

G_DEFINE_TYPE(BoostElement, sidecast_boost_element, GST_TYPE_AUDIO_FILTER)

BoostElement *asBoost(gpointer object)
{
    return reinterpret_cast<BoostElement *>(object);
}

gboolean boostSetup(GstAudioFilter *filter, const GstAudioInfo *info)
{
    asBoost(filter)->d->boost.configure(GST_AUDIO_INFO_RATE(info), GST_AUDIO_INFO_CHANNELS(info));
    return TRUE;
}

GstFlowReturn boostTransformIp(GstBaseTransform *transform, GstBuffer *buffer)
{
    BoostState *d = asBoost(transform)->d;
    d->boost.setEnabled(d->enabled.load());
    if (!d->boost.isActive())
        return GST_FLOW_OK;
    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_READWRITE))
        return GST_FLOW_ERROR;
    const int channels = qMax(1, GST_AUDIO_FILTER_CHANNELS(GST_AUDIO_FILTER(transform)));
    d->boost.process(reinterpret_cast<float *>(map.data),
                     qint64(map.size / (sizeof(float) * size_t(channels))));
    gst_buffer_unmap(buffer, &map);
    return GST_FLOW_OK;
}

gboolean boostSinkEvent(GstBaseTransform *transform, GstEvent *event)
{
    if (GST_EVENT_TYPE(event) == GST_EVENT_FLUSH_STOP)
        asBoost(transform)->d->boost.reset(); // after a seek the old history is noise
    return GST_BASE_TRANSFORM_CLASS(sidecast_boost_element_parent_class)
        ->sink_event(transform, event);
}

void boostSetProperty(GObject *object, guint id, const GValue *value, GParamSpec *spec)
{
    if (id == PROP_ENABLED)
        asBoost(object)->d->enabled.store(g_value_get_boolean(value));
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, spec);
}

void boostGetProperty(GObject *object, guint id, GValue *value, GParamSpec *spec)
{
    if (id == PROP_ENABLED)
        g_value_set_boolean(value, asBoost(object)->d->enabled.load());
    else
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, spec);
}

void boostFinalize(GObject *object)
{
    delete asBoost(object)->d;
    G_OBJECT_CLASS(sidecast_boost_element_parent_class)->finalize(object);
}

void sidecast_boost_element_class_init(BoostElementClass *klass)
{
    GObjectClass *objectClass = G_OBJECT_CLASS(klass);
    GstElementClass *elementClass = GST_ELEMENT_CLASS(klass);
    GstBaseTransformClass *transformClass = GST_BASE_TRANSFORM_CLASS(klass);
    GstAudioFilterClass *filterClass = GST_AUDIO_FILTER_CLASS(klass);
    objectClass->set_property = boostSetProperty;
    objectClass->get_property = boostGetProperty;
    objectClass->finalize = boostFinalize;
    g_object_class_install_property(
        objectClass, PROP_ENABLED,
        g_param_spec_boolean("enabled", "Enabled", "Make voices clearer and louder", FALSE,
                             GParamFlags(G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
    GstCaps *caps = gst_caps_from_string(FLOAT_CAPS);
    gst_audio_filter_class_add_pad_templates(filterClass, caps);
    gst_caps_unref(caps);
    gst_element_class_set_static_metadata(elementClass, "Sidecast voice boost",
                                          "Filter/Effect/Audio",
                                          "EQ, compressor and limiter for speech", "Sidecast");
    filterClass->setup = boostSetup;
    transformClass->transform_ip = boostTransformIp;
    transformClass->sink_event = boostSinkEvent;
}

void sidecast_boost_element_init(BoostElement *self)
{
    self->d = new BoostState;
}

} // namespace

bool registerAudioEffects()
{
    static const bool registered = [] {
        return gst_element_register(nullptr, kSilenceTrimElement, GST_RANK_NONE,
                                    sidecast_trim_element_get_type()) &&
               gst_element_register(nullptr, kVoiceBoostElement, GST_RANK_NONE,
                                    sidecast_boost_element_get_type());
    }();
    return registered;
}

} // namespace sidecast::gst
