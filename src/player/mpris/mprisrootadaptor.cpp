#include "mprisrootadaptor.h"

#include "mprisservice.h"

namespace sidecast {

MprisRootAdaptor::MprisRootAdaptor(MprisService *service)
    : QDBusAbstractAdaptor(service)
    , m_service(service)
{}

bool MprisRootAdaptor::canQuit() const
{
    return m_service->canQuit();
}

bool MprisRootAdaptor::canRaise() const
{
    return m_service->canRaise();
}

QStringList MprisRootAdaptor::supportedUriSchemes()
{
    return {QStringLiteral("file"), QStringLiteral("http"), QStringLiteral("https")};
}

QStringList MprisRootAdaptor::supportedMimeTypes()
{
    // Concrete types: clients match this list literally, so a wildcard would match nothing.
    return {QStringLiteral("audio/mpeg"),  QStringLiteral("audio/mp4"),
            QStringLiteral("audio/x-m4a"), QStringLiteral("audio/aac"),
            QStringLiteral("audio/ogg"),   QStringLiteral("audio/opus"),
            QStringLiteral("audio/flac"),  QStringLiteral("audio/x-flac"),
            QStringLiteral("audio/wav"),   QStringLiteral("audio/x-wav"),
            QStringLiteral("audio/webm")};
}

void MprisRootAdaptor::Raise()
{
    if (m_service->canRaise())
        Q_EMIT m_service->raiseRequested();
}

void MprisRootAdaptor::Quit()
{
    if (m_service->canQuit())
        Q_EMIT m_service->quitRequested();
}

} // namespace sidecast
