#include "voiceboost.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sidecast {

namespace {

double dbToGain(double db)
{
    return std::pow(10.0, db / 20.0);
}

// One-pole smoothing coefficient for a time constant.
double smoothing(double ms, int rate)
{
    return ms <= 0 ? 0.0 : std::exp(-1.0 / (ms / 1000.0 * rate));
}

} // namespace

void VoiceBoost::configure(int sampleRate, int channels)
{
    m_rate = qMax(1, sampleRate);
    m_channels = qMax(1, channels);
    const double nyquistSafe = m_rate * 0.45;

    // Biquads after the Audio EQ Cookbook (R. Bristow-Johnson), normalised by a0.
    const auto highPass = [this](double hz, double q) {
        const double w0 = 2.0 * std::numbers::pi * hz / m_rate;
        const double alpha = std::sin(w0) / (2.0 * q);
        const double cosw = std::cos(w0);
        const double a0 = 1.0 + alpha;
        return Biquad{(1.0 + cosw) / 2.0 / a0, -(1.0 + cosw) / a0, (1.0 + cosw) / 2.0 / a0,
                      -2.0 * cosw / a0, (1.0 - alpha) / a0};
    };
    const auto peaking = [this](double hz, double q, double db) {
        const double a = std::pow(10.0, db / 40.0);
        const double w0 = 2.0 * std::numbers::pi * hz / m_rate;
        const double alpha = std::sin(w0) / (2.0 * q);
        const double cosw = std::cos(w0);
        const double a0 = 1.0 + alpha / a;
        return Biquad{(1.0 + alpha * a) / a0, -2.0 * cosw / a0, (1.0 - alpha * a) / a0,
                      -2.0 * cosw / a0, (1.0 - alpha / a) / a0};
    };
    m_filters[0] = highPass(std::min(m_settings.highPassHz, nyquistSafe), M_SQRT1_2);
    m_filters[1] = peaking(std::min(m_settings.lowMidHz, nyquistSafe), 1.0, m_settings.lowMidDb);
    m_filters[2] =
        peaking(std::min(m_settings.presenceHz, nyquistSafe), 0.8, m_settings.presenceDb);

    m_attack = smoothing(m_settings.attackMs, m_rate);
    m_release = smoothing(m_settings.releaseMs, m_rate);
    m_limiterRelease = smoothing(m_settings.limiterReleaseMs, m_rate);
    m_ceiling = dbToGain(m_settings.ceilingDb);
    m_mixStep = float(1.0 / std::max(1.0, m_settings.rampMs / 1000.0 * m_rate));
    m_wet.assign(size_t(m_channels), 0.0f);
    reset();
}

void VoiceBoost::reset()
{
    m_state.assign(size_t(m_channels), {});
    m_envelope = 0;
    m_limiterGain = 1;
}

void VoiceBoost::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    // Coming back from fully off: start from a clean history rather than a stale one.
    if (enabled && m_mix <= 0.0f)
        reset();
    m_enabled = enabled;
}

double VoiceBoost::staticGainDb(double levelDb) const
{
    const Settings &s = m_settings;
    const double over = levelDb - s.thresholdDb;
    const double slope = 1.0 / s.ratio - 1.0;
    double compression = 0;
    if (2.0 * std::abs(over) <= s.kneeDb && s.kneeDb > 0)
        compression = slope * (over + s.kneeDb / 2.0) * (over + s.kneeDb / 2.0) / (2.0 * s.kneeDb);
    else if (over > 0)
        compression = slope * over;
    double makeup = s.makeupDb;
    if (levelDb < s.noiseFloorDb)
        makeup = std::max(0.0, makeup - (s.noiseFloorDb - levelDb));
    return compression + makeup;
}

void VoiceBoost::process(float *interleaved, qint64 frameCount)
{
    if (m_rate <= 0 || !isActive())
        return;
    const float target = m_enabled ? 1.0f : 0.0f;
    for (qint64 frame = 0; frame < frameCount; ++frame) {
        float *samples = interleaved + frame * m_channels;

        double peak = 0;
        for (int c = 0; c < m_channels; ++c) {
            double x = samples[c];
            for (int f = 0; f < kFilters; ++f) {
                const Biquad &q = m_filters[size_t(f)];
                BiquadState &st = m_state[size_t(c)][size_t(f)];
                const double y =
                    q.b0 * x + q.b1 * st.x1 + q.b2 * st.x2 - q.a1 * st.y1 - q.a2 * st.y2;
                st.x2 = st.x1;
                st.x1 = x;
                st.y2 = st.y1;
                st.y1 = y;
                x = y;
            }
            m_wet[size_t(c)] = float(x);
            peak = std::max(peak, std::abs(x));
        }

        // The compressor follows the loudest channel, so the stereo image stays put.
        const double coefficient = peak > m_envelope ? m_attack : m_release;
        m_envelope = coefficient * m_envelope + (1.0 - coefficient) * peak;
        const double levelDb = 20.0 * std::log10(std::max(m_envelope, 1e-9));
        const double gain = dbToGain(staticGainDb(levelDb));

        // The limiter: whatever the compressor let through above the ceiling is brought down at
        // once, and the gain recovers smoothly.
        double wetPeak = 0;
        for (int c = 0; c < m_channels; ++c)
            wetPeak = std::max(wetPeak, std::abs(double(m_wet[size_t(c)]) * gain));
        const double needed = wetPeak > m_ceiling ? m_ceiling / wetPeak : 1.0;
        m_limiterGain = m_limiterRelease * m_limiterGain + (1.0 - m_limiterRelease);
        m_limiterGain = std::min(m_limiterGain, needed);
        const double total = gain * m_limiterGain;

        if (m_mix != target)
            m_mix = target > m_mix ? std::min(target, m_mix + m_mixStep)
                                   : std::max(target, m_mix - m_mixStep);
        for (int c = 0; c < m_channels; ++c) {
            const float dry = samples[c];
            const float wet = float(double(m_wet[size_t(c)]) * total);
            samples[c] = dry + m_mix * (wet - dry);
        }
    }
}

} // namespace sidecast
