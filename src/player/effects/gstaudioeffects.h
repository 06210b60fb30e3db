#pragma once

// Two GStreamer elements of Sidecast's own, registered in this process only (not a plugin):
//
// sidecastsilencetrim: shortens long pauses (SilenceTrimmer). Property "enabled" (boolean) and
// "removed-time" (guint64, read only): the media time cut out so far, in nanoseconds. Put it
// before scaletempo: silence is then found and counted in media time, whatever the speed.
//
// sidecastvoiceboost: EQ, compressor and limiter for voices (VoiceBoost); property "enabled",
// faded in and out. Put it after scaletempo, so its attack and release act in the time the
// listener hears.
//
// Both take interleaved 32-bit float audio in native byte order (put an audioconvert before).
// Either switches while playing, from any thread, without a click and without touching the
// position.

namespace sidecast::gst {

inline constexpr const char *kSilenceTrimElement = "sidecastsilencetrim";
inline constexpr const char *kVoiceBoostElement = "sidecastvoiceboost";

// Registers both elements once; false when GStreamer refused them. gst_init() must have run.
bool registerAudioEffects();

} // namespace sidecast::gst
