#include "feedgenerator.h"

#include <QByteArrayView>
#include <QDate>

#include <array>

namespace sidecast::bench {
namespace {

// splitmix64: tiny, fully specified, so the same seed gives the same feed with any standard
// library (std::uniform_int_distribution is implementation-defined).
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    {}

    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int bound) { return int(next() % quint64(bound)); }
    int between(int low, int high) { return low + below(high - low + 1); }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &table)
    {
        return table[std::size_t(below(int(N)))];
    }

private:
    quint64 m_state;
};

using Text = const char *;

constexpr std::array<Text, 24> kTopics = {
    "Rust ownership without tears",
    "Scaling Postgres past the first billion rows",
    "What a CDN really caches",
    "Kubernetes operators in practice",
    "The hidden cost of retries",
    "Designing idempotent APIs",
    "Observability for small teams",
    "Why your build is slow",
    "Memory allocators, explained",
    "Testing code that talks to the network",
    "Feature flags and the debt they leave",
    "A month with a functional language",
    "Shipping a desktop app on Linux",
    "Queues, backpressure and you",
    "Time zones are harder than you think",
    "Unicode for people in a hurry",
    "Incident reviews that change something",
    "Caching: the two hard things",
    "On-call without burnout",
    "SQLite in production",
    "The economics of open source",
    "Compilers for the curious",
    "Accessibility is a feature",
    "Migrating a monolith, one seam at a time",
};

constexpr std::array<Text, 32> kSentences = {
    "We start with the problem that made the team rethink its whole approach.",
    "It turns out the slow part was never where the profiler first pointed.",
    "Our guest explains why the boring solution won, and what it cost to get there.",
    "There is a surprising amount of history behind a design that looks obvious today.",
    "We compare three approaches and talk about when each of them breaks down.",
    "Most of the gains came from deleting code rather than writing more of it.",
    "The numbers only made sense once the measurements were repeated on real hardware.",
    "A small change in the data model removed a whole class of bugs.",
    "We get into the details of the failure that started it all, minute by minute.",
    "Listeners asked about testing, so we spend a while on what worked and what did not.",
    "The café where the first prototype was written still has the whiteboard.",
    "It’s a story about naïve assumptions meeting production traffic.",
    "Halfway through, the conversation turns to hiring and how teams learn.",
    "We disagree about the right default — and that is the interesting part.",
    "There are trade-offs here that no benchmark will show you.",
    "The documentation was right; nobody had read that paragraph.",
    "Our guest’s rule of thumb: measure twice, optimise once, and write it down.",
    "We close with the tools our guest reaches for first on a new codebase.",
    "The migration took eighteen months and nobody outside the team noticed, which was the point.",
    "Sometimes the fix is a better error message, not a faster algorithm.",
    "We talk about the cost of a dependency that seemed free at the time.",
    "The first version handled 10 requests a second; the last one handled 40,000.",
    "There were three rewrites, and the second one is the one worth learning from.",
    "A customer in Zürich found the bug, on a Sunday, at 3 a.m. local time.",
    "It all hinged on one flag that nobody remembered setting.",
    "We answer a listener question about licences and contributions.",
    "This episode is a little longer than usual; the chapters below help you skip around.",
    "Expect opinions about naming, and a few strong ones about tabs.",
    "Our guest walks through the architecture diagram that finally made it click.",
    "The lesson: make the slow path visible before you try to make it fast.",
    "We also revisit a prediction from two years ago and see how it held up.",
    "Thanks to everyone who wrote in after the last episode — keep the mail coming.",
};

constexpr std::array<Text, 20> kChapters = {
    "Welcome and what changed since last time",
    "How our guest got started",
    "The problem in one sentence",
    "First attempt, and why it failed",
    "Measuring before optimising",
    "The design that shipped",
    "Listener questions",
    "Testing strategy",
    "What we would do differently",
    "Tooling recommendations",
    "Performance numbers",
    "Security considerations",
    "Migration story",
    "Team and process",
    "Open source and the community",
    "Lightning round",
    "Picks of the week",
    "Where to find our guest",
    "Corrections from last episode",
    "Wrap-up",
};

constexpr std::array<Text, 16> kGuests = {
    "Ada Moreno",       "Björn Østergaard", "Chiamaka Obi", "Daniel Kowalski",
    "Élodie Marchand",  "Farid Haddad",     "Grace Liu",    "Hiroshi Tanaka",
    "Ingrid Halvorsen", "Jonas Weber",      "Kavya Iyer",   "Luis Fernández",
    "Mei Chen",         "Noor Rahman",      "Olu Adeyemi",  "Priya Raman",
};

struct LinkRef
{
    Text title;
    Text url;
};

constexpr std::array<LinkRef, 16> kLinks = {{
    {"The project’s documentation", "https://docs.example.com/guide/getting-started"},
    {"Source code on the forge", "https://git.example.org/projects/engine"},
    {"The talk that started it", "https://videos.example.net/watch?v=3f9a1c&t=120"},
    {"Benchmarks and methodology", "https://bench.example.org/results/2024/q2"},
    {"Our guest’s blog", "https://blog.example.net/posts/what-we-learned"},
    {"The RFC discussed in the episode", "https://www.rfc-editor.org/rfc/rfc9110"},
    {"Paper: a survey of allocators", "https://papers.example.edu/alloc-survey.pdf"},
    {"Issue tracker thread", "https://git.example.org/projects/engine/issues/4211"},
    {"Mailing list archive", "https://lists.example.org/archives/dev/2024-March/0042.html"},
    {"Book recommendation", "https://books.example.com/isbn/9780000000000"},
    {"Conference schedule", "https://conf.example.org/2024/schedule?track=systems&day=2"},
    {"Tool of the week", "https://tools.example.com/profiler"},
    {"Transcript of the keynote", "https://conf.example.org/2024/keynote-transcript"},
    {"Previous episode on this topic", "https://podcast.example.org/episodes/112"},
    {"Job board", "https://jobs.example.com/?q=systems+engineer"},
    {"Newsletter", "https://newsletter.example.org/subscribe"},
}};

constexpr std::array<Text, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<Text, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<Text, 5> kZones = {"+0000", "GMT", "-0400", "+0200", "-0700"};

void appendPadded(QByteArray &out, int value, int width = 2)
{
    const QByteArray digits = QByteArray::number(value);
    for (qsizetype i = digits.size(); i < width; ++i)
        out += '0';
    out += digits;
}

// "[01:02:03]" or "(12:34)": feeds write timestamps in many ways, ShowNotes reads them all.
void appendTimestamp(QByteArray &out, int seconds, int style)
{
    out += style == 0 ? '[' : '(';
    if (seconds >= 3600) {
        out += QByteArray::number(seconds / 3600);
        out += ':';
    }
    appendPadded(out, seconds / 60 % 60);
    out += ':';
    appendPadded(out, seconds % 60);
    out += style == 0 ? ']' : ')';
}

void appendXmlEscaped(QByteArray &out, QByteArrayView text)
{
    for (const char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
            break;
        }
    }
}

void appendSentences(QByteArray &out, Rng &rng, int count)
{
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += ' ';
        out += rng.pick(kSentences);
    }
}

void appendRfc822(QByteArray &out, QDate date, int minuteOfDay, Text zone)
{
    out += kDays[std::size_t(date.dayOfWeek() - 1)];
    out += ", ";
    appendPadded(out, date.day());
    out += ' ';
    out += kMonths[std::size_t(date.month() - 1)];
    out += ' ';
    out += QByteArray::number(date.year());
    out += ' ';
    appendPadded(out, minuteOfDay / 60);
    out += ':';
    appendPadded(out, minuteOfDay % 60);
    out += ":00 ";
    out += zone;
}

void appendDuration(QByteArray &out, int seconds, int style)
{
    switch (style) {
    case 0: // plain seconds
        out += QByteArray::number(seconds);
        break;
    case 1: // H:MM:SS
        out += QByteArray::number(seconds / 3600);
        out += ':';
        appendPadded(out, seconds / 60 % 60);
        out += ':';
        appendPadded(out, seconds % 60);
        break;
    default: // MM:SS, minutes past 59 as some publishers write them
        out += QByteArray::number(seconds / 60);
        out += ':';
        appendPadded(out, seconds % 60);
        break;
    }
}

struct EpisodeText
{
    int number = 0;
    Text topic = "";
    Text guest = "";
    int durationSecs = 0;
};

void appendChapterList(QByteArray &html, Rng &rng, const EpisodeText &episode, int chapters)
{
    const int style = episode.number % 2;
    html += "<ul>\n";
    int at = 0;
    for (int i = 0; i < chapters; ++i) {
        html += "<li>";
        appendTimestamp(html, at, style);
        html += ' ';
        html += i == 0 ? kChapters[0] : rng.pick(kChapters);
        html += "</li>\n";
        at += episode.durationSecs / (chapters + 1) + rng.below(90);
    }
    html += "</ul>\n";
}

// The full notes, as content:encoded carries them.
QByteArray contentHtml(Rng &rng, const EpisodeText &episode)
{
    QByteArray html;
    html.reserve(4096);
    html += "<p><strong>";
    html += episode.guest;
    html += "</strong> joins us to talk about <em>";
    html += episode.topic;
    html += "</em>. ";
    appendSentences(html, rng, rng.between(4, 5));
    html += "</p>\n<p>";
    appendSentences(html, rng, 3);
    const LinkRef &lead = rng.pick(kLinks);
    html += " See <a href=\"";
    appendXmlEscaped(html, lead.url);
    html += "\" target=\"_blank\" rel=\"noopener\">";
    html += lead.title;
    html += "</a> for the background.&nbsp;";
    appendSentences(html, rng, 1);
    html += "</p>\n<h3>Chapters</h3>\n";
    appendChapterList(html, rng, episode, rng.between(7, 9));
    html += "<h3>Links</h3>\n<ul>\n";
    const int links = rng.between(4, 6);
    for (int i = 0; i < links; ++i) {
        const LinkRef &link = rng.pick(kLinks);
        html += "<li><a href=\"";
        appendXmlEscaped(html, link.url);
        html += "\">";
        html += link.title;
        html += "</a></li>\n";
    }
    html += "</ul>\n<h3>About our guest</h3>\n<p>";
    html += episode.guest;
    html += " has spent the last decade building and operating systems that other engineers "
            "depend on. ";
    appendSentences(html, rng, 2);
    html += "</p>\n<p>Read the <a href=\"https://bench.example.org/transcripts/";
    html += QByteArray::number(episode.number);
    html += ".html\">full transcript</a> or jump to a chapter above.</p>\n<blockquote><p>&ldquo;";
    html += rng.pick(kSentences);
    html += "&rdquo;</p></blockquote>\n<p>";
    appendSentences(html, rng, 2);
    html += "</p>\n<p>Support the show &amp; get ad-free episodes: "
            "<a href=\"https://bench.example.org/support?ref=notes&amp;ep=";
    html += QByteArray::number(episode.number);
    html += "\">become a member</a>.<br>\nMusic by <em>The Synthetic Quartet</em>, "
            "licensed CC BY 4.0.</p>";
    return html;
}

// The shorter notes most publishers also put in <description>.
QByteArray descriptionHtml(Rng &rng, const EpisodeText &episode)
{
    QByteArray html;
    html.reserve(2048);
    html += "<p>";
    html += episode.guest;
    html += " joins us to talk about ";
    html += episode.topic;
    html += ". ";
    appendSentences(html, rng, rng.between(4, 5));
    html += "</p>\n";
    appendChapterList(html, rng, episode, rng.between(6, 8));
    html += "<p>";
    appendSentences(html, rng, 3);
    html += "</p>\n<p><a href=\"https://bench.example.org/episodes/";
    html += QByteArray::number(episode.number);
    html += "\">Full notes and links</a></p>";
    return html;
}

void appendChannelHead(QByteArray &out)
{
    out += R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Sidecast Bench Radio</title>
    <link>https://bench.example.org/</link>
    <atom:link href="https://bench.example.org/feed.xml" rel="self" type="application/rss+xml"/>
    <description>Conversations about building software that lasts: systems, tools and the people who make them. A synthetic feed for measuring Sidecast's parser.</description>
    <language>en-gb</language>
    <copyright>© 2024 Sidecast Bench Radio</copyright>
    <generator>sidecast-bench</generator>
    <lastBuildDate>Mon, 01 Jul 2024 06:00:00 +0000</lastBuildDate>
    <itunes:author>Sidecast Bench Radio</itunes:author>
    <itunes:owner>
      <itunes:name>Bench Host</itunes:name>
      <itunes:email>host@bench.example.org</itunes:email>
    </itunes:owner>
    <itunes:image href="https://bench.example.org/artwork/show-3000.jpg"/>
    <itunes:category text="Technology">
      <itunes:category text="Software How-To"/>
    </itunes:category>
    <itunes:explicit>false</itunes:explicit>
    <itunes:type>episodic</itunes:type>
    <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>
    <podcast:locked owner="host@bench.example.org">yes</podcast:locked>
    <podcast:funding url="https://bench.example.org/support">Support the show</podcast:funding>
    <image>
      <url>https://bench.example.org/artwork/show-144.jpg</url>
      <title>Sidecast Bench Radio</title>
      <link>https://bench.example.org/</link>
    </image>
)";
}

void appendItem(QByteArray &out, Rng &rng, int number, QDate date)
{
    EpisodeText episode;
    episode.number = number;
    episode.topic = rng.pick(kTopics);
    episode.guest = rng.pick(kGuests);
    episode.durationSecs = rng.between(25 * 60, 95 * 60);
    const QByteArray num = QByteArray::number(number);

    out += "    <item>\n      <title>";
    out += num;
    out += ": ";
    appendXmlEscaped(out, episode.topic);
    out += " (with ";
    out += episode.guest;
    out += ")</title>\n      <itunes:title>";
    appendXmlEscaped(out, episode.topic);
    out += "</itunes:title>\n      <itunes:subtitle>";
    out += episode.guest;
    out += " joins us to talk about ";
    appendXmlEscaped(out, episode.topic);
    out += ". ";
    appendSentences(out, rng, 1);
    out += "</itunes:subtitle>\n      <link>https://bench.example.org/episodes/";
    out += num;
    out += "</link>\n      <guid isPermaLink=\"false\">sidecast-bench-";
    out += QByteArray::number(rng.next(), 16);
    out += '-';
    out += num;
    out += "</guid>\n      <pubDate>";
    // One draw per statement: the order in which function arguments are evaluated is up to the
    // compiler, and the bytes must not be.
    const int minuteOfDay = rng.between(5 * 60, 18 * 60);
    const Text zone = rng.pick(kZones);
    appendRfc822(out, date, minuteOfDay, zone);
    out += "</pubDate>\n      <itunes:duration>";
    appendDuration(out, episode.durationSecs, number % 3);
    out += "</itunes:duration>\n      <itunes:episode>";
    out += num;
    out += "</itunes:episode>\n      <itunes:season>";
    out += QByteArray::number(1 + (number - 1) / 100);
    out += "</itunes:season>\n      <itunes:episodeType>full</itunes:episodeType>\n"
           "      <itunes:explicit>false</itunes:explicit>\n"
           "      <itunes:image href=\"https://bench.example.org/artwork/episode-";
    out += num;
    out += ".jpg\"/>\n      <enclosure url=\"https://cdn.bench.example.org/audio/episode-";
    out += num;
    out += ".mp3?source=rss&amp;v=2\" length=\"";
    out += QByteArray::number(qint64(episode.durationSecs) * 16000 + rng.below(4096));
    out += "\" type=\"audio/mpeg\"/>\n      <podcast:season>";
    out += QByteArray::number(1 + (number - 1) / 100);
    out += "</podcast:season>\n      <podcast:episode>";
    out += num;
    out += "</podcast:episode>\n      <podcast:person role=\"guest\" "
           "href=\"https://bench.example.org/people/";
    out += QByteArray::number(rng.below(1000));
    out += "\">";
    out += episode.guest;
    out += "</podcast:person>\n      <podcast:transcript url=\"https://bench.example.org/"
           "transcripts/";
    out += num;
    out += ".vtt\" type=\"text/vtt\"/>\n      <podcast:chapters url=\"https://bench.example.org/"
           "chapters/";
    out += num;
    out += ".json\" type=\"application/json+chapters\"/>\n      <description>";
    appendXmlEscaped(out, descriptionHtml(rng, episode));
    out += "</description>\n      <content:encoded><![CDATA[";
    out += contentHtml(rng, episode);
    out += "]]></content:encoded>\n    </item>\n";
}

} // namespace

QByteArray generateFeed(const FeedSpec &spec)
{
    Rng rng(spec.seed);
    QByteArray out;
    out.reserve(qsizetype(spec.episodes) * 5600 + 4096);
    appendChannelHead(out);
    // Newest first, as feeds list them: one episode every two to four days going back.
    QDate date(2024, 7, 1);
    for (int number = spec.episodes; number >= 1; --number) {
        appendItem(out, rng, number, date);
        date = date.addDays(-rng.between(2, 4));
    }
    out += "  </channel>\n</rss>\n";
    return out;
}

} // namespace sidecast::bench
