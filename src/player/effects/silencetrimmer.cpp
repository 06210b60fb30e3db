#include "silencetrimmer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sidecast {

void SilenceTrimmer::configure(int sampleRate, int channels)
{
    m_rate = qMax(1, sampleRate);
    m_channels = qMax(1, channels);
    m_blockFrames = qMax<qint64>(1, msToFrames(m_settings.blockMs));
    reset();
}

void SilenceTrimmer::reset()
{
    m_blocks.clear();
    m_partial = Block();
    m_partial.samples.reserve(size_t(m_blockFrames * m_channels));
    m_framesIn = 0;
    m_framesCut = 0;
    m_heldFrames = 0;
    m_silentBefore = 0;
    m_previousKept = true;
    m_loudest.fill(0.0);
    m_loudestSecond = 0;
    m_thresholdSquare = std::pow(10.0, m_settings.thresholdDb / 10.0);
}

qint64 SilenceTrimmer::lookaheadFrames() const
{
    const int keepHead = m_settings.keepMs / 2;
    return msToFrames(m_settings.minSilenceMs - keepHead) + 2 * m_blockFrames;
}

void SilenceTrimmer::process(const float *interleaved, qint64 frameCount, std::vector<Chunk> &out)
{
    if (m_rate <= 0 || frameCount <= 0)
        return;
    qint64 done = 0;
    while (done < frameCount) {
        const qint64 take = qMin(frameCount - done, m_blockFrames - m_partial.frames);
        const float *from = interleaved + done * m_channels;
        m_partial.samples.insert(m_partial.samples.end(), from, from + take * m_channels);
        m_partial.frames += take;
        done += take;
        if (m_partial.frames == m_blockFrames)
            closeBlock();
    }
    m_framesIn += frameCount;
    decide(false, true);
    release(out, false);
}

void SilenceTrimmer::flush(std::vector<Chunk> &out, bool allowCuts)
{
    if (m_rate <= 0)
        return;
    closeBlock();
    decide(true, allowCuts);
    release(out, true);
}

void SilenceTrimmer::closeBlock()
{
    if (m_partial.frames == 0)
        return;
    double sum = 0;
    for (float sample : m_partial.samples)
        sum += double(sample) * sample;
    m_partial.meanSquare = sum / double(m_partial.samples.size());

    // The threshold follows the loudest block of the last seconds, this one included (it is
    // ahead of every decision still to come).
    const qint64 second = m_partial.startFrame / m_rate;
    while (m_loudestSecond < second) {
        ++m_loudestSecond;
        m_loudest[size_t(m_loudestSecond % kLevelSeconds)] = 0.0;
    }
    double &slot = m_loudest[size_t(second % kLevelSeconds)];
    slot = std::max(slot, m_partial.meanSquare);
    const double loudest = *std::max_element(m_loudest.begin(), m_loudest.end());
    const double relative =
        loudest > 0 ? 10.0 * std::log10(loudest) + m_settings.relativeDb : m_settings.thresholdDb;
    const double thresholdDb = std::clamp(relative, m_settings.floorDb, m_settings.thresholdDb);
    m_thresholdSquare = std::pow(10.0, thresholdDb / 10.0);

    const qint64 next = m_partial.startFrame + m_partial.frames;
    m_heldFrames += m_partial.frames;
    m_blocks.push_back(std::move(m_partial));
    m_partial = Block();
    m_partial.startFrame = next;
    m_partial.samples.reserve(size_t(m_blockFrames * m_channels));
}

void SilenceTrimmer::decide(bool endOfStream, bool allowCuts)
{
    const qint64 keepHead = msToFrames(m_settings.keepMs / 2);
    const qint64 keepTail = msToFrames(m_settings.keepMs) - keepHead;
    const qint64 minSilence = msToFrames(m_settings.minSilenceMs);

    size_t i = 0;
    while (i < m_blocks.size() && m_blocks[i].decided)
        ++i;
    for (; i < m_blocks.size(); ++i) {
        Block &block = m_blocks[i];
        bool keep = true;
        const bool silent = isSilent(block);
        if (silent && allowCuts && m_silentBefore >= keepHead) {
            // How far this pause goes on from here, as far as it can be seen.
            qint64 silentAhead = 0;
            bool endSeen = endOfStream;
            for (size_t j = i; j < m_blocks.size(); ++j) {
                if (!isSilent(m_blocks[j])) {
                    endSeen = true;
                    break;
                }
                silentAhead += m_blocks[j].frames;
            }
            const bool cut =
                silentAhead - block.frames >= keepTail && m_silentBefore + silentAhead > minSilence;
            if (!cut && !endSeen)
                break; // more of the pause has to be seen first
            keep = !cut;
        }
        block.decided = true;
        block.keep = keep;
        m_silentBefore = silent ? m_silentBefore + block.frames : 0;
    }
}

void SilenceTrimmer::release(std::vector<Chunk> &out, bool all)
{
    const qint64 fadeFrames = qMin(msToFrames(m_settings.fadeMs), m_blockFrames);
    const auto fadeGain = [fadeFrames](qint64 n) {
        return float(0.5 -
                     0.5 * std::cos(std::numbers::pi * (double(n) + 0.5) / double(fadeFrames)));
    };
    while (!m_blocks.empty() && m_blocks.front().decided) {
        const bool hasNext = m_blocks.size() > 1;
        if (hasNext && !m_blocks[1].decided && !all)
            break;
        if (!hasNext && !all)
            break;
        Block block = std::move(m_blocks.front());
        m_blocks.pop_front();
        m_heldFrames -= block.frames;
        if (!block.keep) {
            m_framesCut += block.frames;
            m_previousKept = false;
            continue;
        }
        const bool cutAfter = hasNext && m_blocks.front().decided && !m_blocks.front().keep;
        if (fadeFrames > 0 && (!m_previousKept || cutAfter)) {
            const qint64 n = qMin(fadeFrames, block.frames);
            for (qint64 f = 0; f < n; ++f) {
                const float gain = fadeGain(f);
                for (int c = 0; c < m_channels; ++c) {
                    if (!m_previousKept)
                        block.samples[size_t(f * m_channels + c)] *= gain;
                    if (cutAfter)
                        block.samples[size_t((block.frames - 1 - f) * m_channels + c)] *= gain;
                }
            }
        }
        m_previousKept = true;
        if (!out.empty() &&
            out.back().startFrame + qint64(out.back().samples.size()) / m_channels ==
                block.startFrame) {
            out.back().samples.insert(out.back().samples.end(), block.samples.begin(),
                                      block.samples.end());
        } else {
            out.push_back(Chunk{block.startFrame, std::move(block.samples)});
        }
    }
}

} // namespace sidecast
