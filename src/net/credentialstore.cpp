#include "credentialstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <qt6keychain/keychain.h>

namespace sidecast {

QString CredentialStore::keyFor(const QString &libraryDirectory, qint64 podcastId)
{
    return QStringLiteral("%1#podcast-%2").arg(libraryDirectory).arg(podcastId);
}

QByteArray CredentialStore::encode(const Credentials &credentials)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("user"), credentials.user},
                                     {QStringLiteral("password"), credentials.password}})
        .toJson(QJsonDocument::Compact);
}

std::optional<Credentials> CredentialStore::decode(const QByteArray &data)
{
    const QJsonObject object = QJsonDocument::fromJson(data).object();
    Credentials c;
    c.user = object.value(QStringLiteral("user")).toString();
    c.password = object.value(QStringLiteral("password")).toString();
    if (c.isEmpty())
        return std::nullopt;
    return c;
}

void MemoryCredentialStore::read(const QString &key, QObject *context, ReadCallback done)
{
    const std::optional<Credentials> found =
        m_secrets.contains(key) ? decode(m_secrets.value(key)) : std::nullopt;
    QMetaObject::invokeMethod(
        context, [found, done = std::move(done)] { done(found); }, Qt::QueuedConnection);
}

void MemoryCredentialStore::write(const QString &key, const Credentials &credentials,
                                  QObject *context, WriteCallback done)
{
    m_secrets.insert(key, encode(credentials));
    QMetaObject::invokeMethod(
        context, [done = std::move(done)] { done(true, QString()); }, Qt::QueuedConnection);
}

void MemoryCredentialStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    m_secrets.remove(key);
    QMetaObject::invokeMethod(
        context, [done = std::move(done)] { done(true, QString()); }, Qt::QueuedConnection);
}

void KeychainCredentialStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, done = std::move(done)](QKeychain::Job *j) {
                if (!guard)
                    return;
                auto *reading = static_cast<QKeychain::ReadPasswordJob *>(j);
                done(reading->error() == QKeychain::NoError ? decode(reading->binaryData())
                                                            : std::nullopt);
            });
    job->start();
}

void KeychainCredentialStore::write(const QString &key, const Credentials &credentials,
                                    QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(key);
    job->setBinaryData(encode(credentials));
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, done = std::move(done)](QKeychain::Job *j) {
                if (guard)
                    done(j->error() == QKeychain::NoError, j->errorString());
            });
    job->start();
}

void KeychainCredentialStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, done = std::move(done)](QKeychain::Job *j) {
                if (guard)
                    done(j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound,
                         j->errorString());
            });
    job->start();
}

} // namespace sidecast
