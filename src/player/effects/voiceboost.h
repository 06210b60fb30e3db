#pragma once

#include <QtGlobal>

#include <array>
#include <vector>

namespace sidecast {

// Makes voices clearer and evens out loudness, for quiet shows and noisy surroundings. On
// interleaved float samples, in this order:
//  - a high-pass at 80 Hz: rumble and handling noise only eat the compressor's headroom;
//  - a gentle EQ: -2 dB at 250 Hz (boom), +4 dB at 3 kHz (presence: consonants, intelligibility);
//  - a compressor with attack and release (3:1 above -26 dBFS, soft knee) and +12 dB of makeup
//    gain: quiet speech comes up by up to 12 dB, a loud, already mastered show stays about where it
//    was. Below -55 dBFS the makeup gain fades out, so room noise in pauses is not pumped up;
//  - a limiter at -2 dBFS that reacts within the sample, so the result never clips, with room
//    for the overshoot of resampling after us (a 22 kHz episode on a 44.1 kHz sink overshot a
//    -1 dBFS ceiling to -0.3 dBFS).
//
// Why not GStreamer's audiodynamic + equalizer-nbands: audiodynamic has no attack or release; it
// bends each sample on a fixed curve, which distorts speech as soon as it compresses, and with it
// nothing keeps the made-up gain from clipping. With the chain here in one place it can also be
// faded in and out (setEnabled ramps over rampMs), so switching it while playing never clicks.
class VoiceBoost
{
public:
    struct Settings
    {
        double highPassHz = 80;
        double lowMidHz = 250;
        double lowMidDb = -2;
        double presenceHz = 3000;
        double presenceDb = 4;
        double thresholdDb = -26;
        double ratio = 3;
        double kneeDb = 6;
        double makeupDb = 12;
        double noiseFloorDb = -55; // below this the makeup gain fades out, 1 dB per dB
        double attackMs = 5;
        double releaseMs = 150;
        double ceilingDb = -2; // the limiter's
        double limiterReleaseMs = 60;
        double rampMs = 40; // fading the effect in or out
    };

    VoiceBoost() = default;
    explicit VoiceBoost(const Settings &settings)
        : m_settings(settings)
    {}

    // Sets the format and resets the filters (as reset()); the enabled state is kept.
    void configure(int sampleRate, int channels);
    // Forgets the filters' and detectors' history (after a seek).
    void reset();

    // Switches the effect on or off; the change is faded over rampMs of audio.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // On, or still fading out: process() changes the audio.
    bool isActive() const { return m_enabled || m_mix > 0.0f; }

    // In place. A no-op while inactive.
    void process(float *interleaved, qint64 frameCount);

    // The static gain (dB) the compressor applies at a detected level (dBFS), makeup included.
    double staticGainDb(double levelDb) const;

private:
    struct Biquad
    {
        double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
    };
    struct BiquadState
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    };
    static constexpr int kFilters = 3;

    Settings m_settings;
    int m_rate = 0;
    int m_channels = 0;
    std::array<Biquad, kFilters> m_filters;
    std::vector<std::array<BiquadState, kFilters>> m_state; // per channel
    std::vector<float> m_wet;                               // one frame
    double m_attack = 0;                                    // one-pole coefficients
    double m_release = 0;
    double m_limiterRelease = 0;
    double m_ceiling = 1;
    double m_envelope = 0;
    double m_limiterGain = 1;
    float m_mix = 0; // 0 dry .. 1 wet
    float m_mixStep = 0;
    bool m_enabled = false;
};

} // namespace sidecast
