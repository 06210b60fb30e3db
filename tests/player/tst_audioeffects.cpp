// The audio effects' DSP on synthetic signals, without GStreamer: SilenceTrimmer shortens only
// long pauses and counts exactly what it cut; VoiceBoost makes quiet speech louder and never
// clips; both switch without a click.

#include "player/effects/silencetrimmer.h"
#include "player/effects/voiceboost.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace sidecast;

namespace {

constexpr int kRate = 44100;

// Appends `ms` of a sine (amplitude `level`) or, with level 0, of digital silence.
void append(std::vector<float> &out, int channels, int ms, double level, double hz = 440)
{
    const qint64 frames = qint64(ms) * kRate / 1000;
    const size_t start = out.size() / size_t(channels);
    for (qint64 f = 0; f < frames; ++f) {
        const double t = double(start + size_t(f)) / kRate;
        const float v = float(level * std::sin(2 * std::numbers::pi * hz * t));
        for (int c = 0; c < channels; ++c)
            out.push_back(v);
    }
}

// Speech-like test signal: a buzz of harmonics under a syllable-rate envelope, with pauses.
std::vector<float> speechLike(int ms, double peak)
{
    std::vector<float> out;
    std::mt19937 random(7);
    std::uniform_real_distribution<double> noise(-1.0, 1.0);
    const qint64 frames = qint64(ms) * kRate / 1000;
    for (qint64 f = 0; f < frames; ++f) {
        const double t = double(f) / kRate;
        const double syllable = std::max(0.0, std::sin(2 * std::numbers::pi * 4.0 * t));
        const double phrase = std::fmod(t, 2.0) < 1.6 ? 1.0 : 0.0; // a pause every 2 s
        double voice = 0;
        for (int h = 1; h <= 12; ++h)
            voice += std::sin(2 * std::numbers::pi * 140.0 * h * t) / h;
        voice = voice * 0.55 + 0.08 * noise(random);
        out.push_back(float(peak * 0.7 * syllable * phrase * voice));
    }
    double max = 0;
    for (float v : out)
        max = std::max(max, double(std::abs(v)));
    for (float &v : out)
        v = float(v * peak / max);
    return out;
}

double rms(const std::vector<float> &samples)
{
    double sum = 0;
    for (float v : samples)
        sum += double(v) * v;
    return std::sqrt(sum / double(samples.size()));
}

double peak(const std::vector<float> &samples)
{
    double max = 0;
    for (float v : samples)
        max = std::max(max, double(std::abs(v)));
    return max;
}

double dB(double value)
{
    return 20 * std::log10(value);
}

struct Trimmed
{
    std::vector<SilenceTrimmer::Chunk> chunks;
    qint64 keptFrames = 0;
};

// Feeds `input` in pieces of `piece` frames (as a decoder would), then ends the stream.
Trimmed trim(SilenceTrimmer &trimmer, const std::vector<float> &input, int channels, qint64 piece)
{
    Trimmed result;
    const qint64 frames = qint64(input.size()) / channels;
    for (qint64 at = 0; at < frames; at += piece)
        trimmer.process(input.data() + at * channels, qMin(piece, frames - at), result.chunks);
    trimmer.flush(result.chunks, true);
    for (const auto &chunk : result.chunks)
        result.keptFrames += qint64(chunk.samples.size()) / channels;
    return result;
}

qint64 ms(qint64 frames)
{
    return frames * 1000 / kRate;
}

} // namespace

class TestAudioEffects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortPausesAreLeftAlone()
    {
        std::vector<float> input;
        append(input, 1, 1000, 0.5);
        append(input, 1, 450, 0);
        append(input, 1, 1000, 0.5);
        append(input, 1, 300, 0);
        append(input, 1, 1000, 0.5);
        SilenceTrimmer trimmer;
        trimmer.configure(kRate, 1);
        const Trimmed out = trim(trimmer, input, 1, 1152);
        QCOMPARE(trimmer.framesCut(), 0);
        QCOMPARE(out.keptFrames, qint64(input.size()));
        QCOMPARE(out.chunks.size(), size_t(1));
        QCOMPARE(out.chunks.front().samples, input); // untouched, bit for bit
    }

    void longPausesShrinkToAQuarterSecond_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("piece");
        QTest::newRow("mono, mp3-sized buffers") << 1 << 1152;
        QTest::newRow("stereo, large buffers") << 2 << 8192;
        QTest::newRow("mono, tiny buffers") << 1 << 37;
    }

    void longPausesShrinkToAQuarterSecond()
    {
        QFETCH(int, channels);
        QFETCH(int, piece);
        std::vector<float> input;
        append(input, channels, 1000, 0.5);
        append(input, channels, 3000, 0);
        append(input, channels, 1000, 0.5);
        append(input, channels, 3000, 0.001); // -60 dBFS hum is silence too
        append(input, channels, 1000, 0.5);
        SilenceTrimmer trimmer;
        trimmer.configure(kRate, channels);
        const Trimmed out = trim(trimmer, input, channels, piece);

        // Each 3 s pause keeps about 250 ms: 2 x 2750 ms cut, give or take a 10 ms block each.
        const qint64 cutMs = ms(trimmer.framesCut());
        qInfo() << "cut" << cutMs << "ms of 9000";
        QVERIFY2(qAbs(cutMs - 5500) <= 30, qPrintable(QString::number(cutMs)));
        QCOMPARE(out.keptFrames + trimmer.framesCut(), qint64(input.size()) / channels);
        QCOMPARE(trimmer.framesIn(), qint64(input.size()) / channels);
        QCOMPARE(trimmer.heldFrames(), 0);

        // Three runs of audio, each starting where the previous cut ended; the tones are whole.
        QCOMPARE(out.chunks.size(), size_t(3));
        const qint64 firstEnd =
            out.chunks[0].startFrame + qint64(out.chunks[0].samples.size()) / channels;
        QVERIFY(qAbs(ms(firstEnd) - 1125) <= 15); // 1 s tone + the first ~125 ms of the pause
        QVERIFY(qAbs(ms(out.chunks[1].startFrame) - 3875) <= 15); // the last ~125 ms before 4 s
        for (const auto &chunk : out.chunks) {
            // Sample values are the input's, except in the short fades at a cut.
            const size_t offset = size_t(chunk.startFrame * channels);
            const size_t fade = size_t(kRate * 3 / 1000 * channels);
            for (size_t i = fade; i + fade < chunk.samples.size(); i += 97)
                QCOMPARE(chunk.samples[i], input[offset + i]);
        }
    }

    void cutsAreFadedNotClicked()
    {
        // Room noise at -50 dBFS between two tones (silence next to them, but audible): a hard
        // cut would jump.
        std::vector<float> input;
        append(input, 1, 1000, 0.5);
        std::mt19937 random(1);
        std::uniform_real_distribution<double> noise(-1.0, 1.0);
        for (int i = 0; i < kRate * 3; ++i)
            input.push_back(float(0.0056 * noise(random)));
        append(input, 1, 1000, 0.5);
        SilenceTrimmer trimmer;
        trimmer.configure(kRate, 1);
        const Trimmed out = trim(trimmer, input, 1, 4096);
        QCOMPARE(out.chunks.size(), size_t(2));
        QVERIFY(qAbs(ms(trimmer.framesCut()) - 2750) <= 15);
        // At the cut the audio is faded out and back in: near zero on both sides.
        const auto &head = out.chunks[0].samples;
        const auto &tail = out.chunks[1].samples;
        QVERIFY(std::abs(head.back()) < 0.0056 * 0.05);
        QVERIFY(std::abs(tail.front()) < 0.0056 * 0.05);
    }

    void speechIsNeverCut_data()
    {
        QTest::addColumn<double>("peak");
        QTest::newRow("at -1 dBFS") << 0.9;
        QTest::newRow("at -20 dBFS") << 0.1;
        QTest::newRow("quiet, at -35 dBFS") << 0.018;
    }

    void speechIsNeverCut()
    {
        // Speech with 0.4 s pauses between phrases.
        QFETCH(double, peak);
        const std::vector<float> input = speechLike(8000, peak);
        SilenceTrimmer trimmer;
        trimmer.configure(kRate, 1);
        const Trimmed out = trim(trimmer, input, 1, 1152);
        QCOMPARE(trimmer.framesCut(), 0);
        QCOMPARE(out.keptFrames, qint64(input.size()));
    }

    void switchingOffKeepsWhatIsHeld()
    {
        std::vector<float> input;
        append(input, 1, 1000, 0.5);
        append(input, 1, 2000, 0);
        SilenceTrimmer trimmer;
        trimmer.configure(kRate, 1);
        std::vector<SilenceTrimmer::Chunk> chunks;
        trimmer.process(input.data(), qint64(input.size()) - kRate, chunks); // 1 s into the pause
        QVERIFY(trimmer.heldFrames() > 0);
        QVERIFY(trimmer.heldFrames() <= trimmer.lookaheadFrames());
        const qint64 cutBefore = trimmer.framesCut();
        trimmer.flush(chunks, false);
        QCOMPARE(trimmer.heldFrames(), 0);
        // Nothing more is cut than the one 10 ms block already decided on.
        QVERIFY(trimmer.framesCut() - cutBefore <= kRate / 100);
        qint64 kept = 0;
        for (const auto &chunk : chunks)
            kept += qint64(chunk.samples.size());
        QCOMPARE(kept + trimmer.framesCut(), qint64(input.size()) - kRate);
    }

    void voiceBoostRaisesQuietSpeech()
    {
        std::vector<float> input = speechLike(6000, 0.03); // peaks at -30 dBFS
        std::vector<float> output = input;
        VoiceBoost boost;
        boost.configure(kRate, 1);
        boost.setEnabled(true);
        boost.process(output.data(), qint64(output.size()));
        const double gain = dB(rms(output) / rms(input));
        qInfo("quiet speech: RMS %.1f -> %.1f dBFS (%+.1f dB), peak %.1f -> %.1f dBFS",
              dB(rms(input)), dB(rms(output)), gain, dB(peak(input)), dB(peak(output)));
        QVERIFY2(gain > 8.0, qPrintable(QString::number(gain)));
        QVERIFY(peak(output) < 1.0);
    }

    void voiceBoostNeverClips_data()
    {
        QTest::addColumn<double>("level");
        QTest::newRow("speech at full scale") << 1.0;
        QTest::newRow("speech at -6 dBFS") << 0.5;
        QTest::newRow("speech at -20 dBFS") << 0.1;
    }

    void voiceBoostNeverClips()
    {
        QFETCH(double, level);
        std::vector<float> output = speechLike(6000, level);
        // And a sudden full-scale tone burst at the presence peak, the hardest case.
        append(output, 1, 500, level, 3000);
        VoiceBoost boost;
        boost.configure(kRate, 1);
        boost.setEnabled(true);
        boost.process(output.data(), qint64(output.size()));
        qInfo("input peak %.1f dBFS: output peak %.2f dBFS", dB(level), dB(peak(output)));
        const double ceiling = std::pow(10.0, VoiceBoost::Settings().ceilingDb / 20);
        QVERIFY(peak(output) <= ceiling + 1e-6);
    }

    void voiceBoostEvensOutLoudness()
    {
        // Loud speech comes out about as loud as it went in; quiet speech gains up to 12 dB.
        VoiceBoost boost;
        boost.configure(kRate, 1);
        QVERIFY(std::abs(boost.staticGainDb(-40) - 12) < 0.01);
        QVERIFY(boost.staticGainDb(-6) < 0.5);
        QVERIFY(boost.staticGainDb(-6) > -2.0);
        QVERIFY(std::abs(boost.staticGainDb(-80)) < 0.01); // noise in pauses is not pumped up
        for (double level = -90; level < 0; level += 1)    // no jumps in the curve
            QVERIFY(std::abs(boost.staticGainDb(level + 1) - boost.staticGainDb(level)) <= 1.0);
    }

    void voiceBoostSwitchesWithoutAClick()
    {
        std::vector<float> input;
        append(input, 2, 1000, 0.05, 440);
        std::vector<float> output = input;
        VoiceBoost boost;
        boost.configure(kRate, 2);
        const qint64 frames = qint64(output.size()) / 2;
        const qint64 block = 512;
        // Off: bit for bit; then on and off again in the middle of the audio.
        for (qint64 at = 0; at < frames; at += block) {
            if (at == 8 * block)
                boost.setEnabled(true);
            if (at == 50 * block)
                boost.setEnabled(false);
            boost.process(output.data() + at * 2, qMin(block, frames - at));
        }
        for (size_t i = 0; i < size_t(8 * block * 2); ++i)
            QCOMPARE(output[i], input[i]);
        QVERIFY(!boost.isActive()); // faded out by the end
        QCOMPARE(output.back(), input.back());
        // The largest step between samples stays that of a 440 Hz sine made louder by at most
        // the makeup gain: no step from a sudden switch.
        double maxStep = 0;
        for (size_t i = 2; i < output.size(); i += 2)
            maxStep = std::max(maxStep, double(std::abs(output[i] - output[i - 2])));
        const double sineStep = 0.05 * 2 * std::numbers::pi * 440 / kRate;
        QVERIFY2(maxStep < sineStep * 4.5, qPrintable(QString::number(maxStep / sineStep)));
    }
};

QTEST_GUILESS_MAIN(TestAudioEffects)
#include "tst_audioeffects.moc"
