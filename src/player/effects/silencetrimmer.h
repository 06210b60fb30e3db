#pragma once

#include <QtGlobal>

#include <array>
#include <deque>
#include <vector>

namespace sidecast {

// Shortens long silences in a stream of interleaved float samples: a pause longer than
// minSilenceMs is cut down to keepMs (the first half of that kept at its start, the second half
// at its end, so the voice fades out and starts again as it was recorded); shorter pauses are
// left alone, so speech keeps its rhythm. Silence is a run of 10 ms blocks whose RMS is below a
// threshold that follows the programme: relativeDb under the loudest block of the last 10 s, kept
// between floorDb and thresholdDb. A quiet show's speech is then not mistaken for silence, and a
// loud one's room noise still counts as silence.
//
// Deciding that a pause is long enough to shorten needs to see ahead, so the trimmer holds back
// lookaheadFrames() of audio; the player runs ahead of the clock, so holding that back delays
// nothing the listener hears. Pure DSP: no GStreamer, so it is tested on its own.
class SilenceTrimmer
{
public:
    struct Settings
    {
        double thresholdDb = -40.0; // the silence threshold (block RMS, dBFS) at most
        double floorDb = -60.0;     // ... and at least
        double relativeDb = -30.0;  // ... else this far below the loudest recent block
        int minSilenceMs = 500;     // pauses up to this long stay as they are
        int keepMs = 250;           // what a longer pause is shortened to
        int blockMs = 10;           // detection granularity
        int fadeMs = 3;             // raised-cosine fade on both sides of a cut, against clicks
    };

    // Audio that was kept, in order; its first frame is startFrame, counted from reset(). A gap
    // between the end of one chunk and the start of the next is audio that was cut out.
    struct Chunk
    {
        qint64 startFrame = 0;
        std::vector<float> samples; // interleaved
    };

    SilenceTrimmer() = default;
    explicit SilenceTrimmer(const Settings &settings)
        : m_settings(settings)
    {}

    // Sets the format and starts over (as reset()).
    void configure(int sampleRate, int channels);
    // Forgets everything held and counted; frames are counted from 0 again.
    void reset();

    int sampleRate() const { return m_rate; }
    int channels() const { return m_channels; }
    const Settings &settings() const { return m_settings; }

    // Takes frameCount frames and appends to `out` what can now be decided, in order.
    void process(const float *interleaved, qint64 frameCount, std::vector<Chunk> &out);
    // Decides everything held and appends it to `out`: at the end of the stream (allowCuts: a
    // long pause before the end is shortened too), or when trimming is switched off (everything
    // held is kept). Frame counting goes on.
    void flush(std::vector<Chunk> &out, bool allowCuts);

    // Frames taken so far, frames cut out so far (both since reset()).
    qint64 framesIn() const { return m_framesIn; }
    qint64 framesCut() const { return m_framesCut; }
    // Frames held back, not yet decided.
    qint64 heldFrames() const { return m_heldFrames; }
    // How much audio the trimmer holds back at most before deciding.
    qint64 lookaheadFrames() const;

private:
    struct Block
    {
        qint64 startFrame = 0;
        qint64 frames = 0;
        std::vector<float> samples;
        double meanSquare = 0;
        bool decided = false;
        bool keep = true;
    };
    static constexpr int kLevelSeconds = 10;

    qint64 msToFrames(int ms) const { return qint64(ms) * m_rate / 1000; }
    void closeBlock();
    bool isSilent(const Block &block) const { return block.meanSquare < m_thresholdSquare; }
    // Decides the first undecided blocks whose fate the blocks after them settle.
    void decide(bool endOfStream, bool allowCuts);
    // Hands over decided blocks; the last decided one stays while the next one is undecided,
    // since its fade depends on that.
    void release(std::vector<Chunk> &out, bool all);

    Settings m_settings;
    int m_rate = 0;
    int m_channels = 0;
    qint64 m_blockFrames = 0;
    double m_thresholdSquare = 0; // the silence threshold now, as a mean square
    // The loudest block's mean square per second of the last kLevelSeconds, for the threshold.
    std::array<double, kLevelSeconds> m_loudest{};
    qint64 m_loudestSecond = 0; // the second m_loudest's newest entry is for
    std::deque<Block> m_blocks; // held back, oldest first
    Block m_partial;            // filling up
    qint64 m_framesIn = 0;
    qint64 m_framesCut = 0;
    qint64 m_heldFrames = 0;
    qint64 m_silentBefore = 0;  // silent frames right before the first undecided block
    bool m_previousKept = true; // the block before the first held one was kept
};

} // namespace sidecast
