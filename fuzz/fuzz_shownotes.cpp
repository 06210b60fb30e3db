// libFuzzer target for ShowNotes: the input as UTF-8 notes, through every function that reads
// notes. Any crash, sanitizer report or hang is a bug, and so is a timestamp that does not
// survive the round trip through its seek link, which ShowNotes documents.

#include "core/notes/shownotes.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using sidecast::NoteTimestamp;
using sidecast::ShowNotes;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString notes = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    // An episode page as base, so that relative links are resolved rather than dropped.
    static const QUrl base(QStringLiteral("https://fuzz.example.org/podcast/episodes/1.html"));

    ShowNotes::toRichText(notes, base);
    ShowNotes::toPlainText(notes);
    const QList<NoteTimestamp> timestamps = ShowNotes::timestamps(notes);
    for (const NoteTimestamp &timestamp : timestamps) {
        const qint64 back = ShowNotes::seekSeconds(ShowNotes::seekUrl(timestamp.seconds));
        if (timestamp.seconds < 0 || back != timestamp.seconds) {
            std::fprintf(stderr, "timestamp %lld came back from its seek link as %lld\n",
                         static_cast<long long>(timestamp.seconds), static_cast<long long>(back));
            std::abort();
        }
    }
    return 0;
}
