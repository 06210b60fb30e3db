#include "mediabackendfactory.h"

#include "qtmediabackend.h"
#ifdef SIDECAST_HAVE_GSTREAMER
#include "gstmediabackend.h"
#endif

#include <QLoggingCategory>
#include <QVersionNumber>

Q_DECLARE_LOGGING_CATEGORY(lcPlayer)

namespace sidecast {

namespace {

const QString kGstreamer = QStringLiteral("gstreamer");
const QString kQt = QStringLiteral("qt");

bool isAvailable(const QString &name)
{
#ifdef SIDECAST_HAVE_GSTREAMER
    if (name == kGstreamer)
        return GstMediaBackend::isAvailable();
#endif
    return name == kQt;
}

std::unique_ptr<MediaBackend> create(const QString &name)
{
#ifdef SIDECAST_HAVE_GSTREAMER
    if (name == kGstreamer)
        return std::make_unique<GstMediaBackend>();
#endif
    Q_UNUSED(name)
    return std::make_unique<QtMediaBackend>();
}

} // namespace

QStringList availableMediaBackends()
{
    QStringList names;
    for (const QString &name : {kGstreamer, kQt}) {
        if (isAvailable(name))
            names.append(name);
    }
    return names;
}

QString defaultMediaBackend()
{
#if defined(SIDECAST_HAVE_GSTREAMER) && defined(Q_OS_LINUX)
    // The Qt the app runs with counts, not the one it was built with: a newer Qt 6 may be
    // installed under the same binary.
    if (QVersionNumber::fromString(QLatin1String(qVersion())) < QVersionNumber(6, 10) &&
        GstMediaBackend::isAvailable())
        return kGstreamer;
#endif
    return kQt;
}

std::unique_ptr<MediaBackend> createMediaBackend(const QString &preferred)
{
    QString name = qEnvironmentVariable("SIDECAST_MEDIA_BACKEND").trimmed().toLower();
    if (name.isEmpty())
        name = preferred.trimmed().toLower();
    if (name.isEmpty()) {
        name = defaultMediaBackend();
    } else if (!isAvailable(name)) {
        const QString fallback = defaultMediaBackend();
        const QString available = availableMediaBackends().join(QStringLiteral(", "));
        qCWarning(lcPlayer).noquote()
            << QStringLiteral("media backend %1 is not available (available: %2); using %3")
                   .arg(name, available, fallback);
        name = fallback;
    }
    return create(name);
}

} // namespace sidecast
