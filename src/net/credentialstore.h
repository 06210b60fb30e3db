#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace sidecast {

// A user name and password for a feed behind HTTP Basic authentication.
struct Credentials
{
    QString user;
    QString password;
    bool isEmpty() const { return user.isEmpty(); }
    friend bool operator==(const Credentials &, const Credentials &) = default;
};

// Where feed credentials are kept. The secret never goes into the library database: the app
// uses the desktop's keychain (KeychainCredentialStore), tests an in-memory fake. Asynchronous,
// because keychains are: every callback runs later, on the caller's thread, unless `context`
// was destroyed first.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const std::optional<Credentials> &)>;
    using WriteCallback = std::function<void(bool ok, const QString &error)>;

    using QObject::QObject;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const Credentials &credentials, QObject *context,
                       WriteCallback done) = 0;
    virtual void remove(const QString &key, QObject *context, WriteCallback done) = 0;

    // The key of a podcast's credentials: stable across feed moves, distinct per library.
    static QString keyFor(const QString &libraryDirectory, qint64 podcastId);
    // The stored form of a secret (and back).
    static QByteArray encode(const Credentials &credentials);
    static std::optional<Credentials> decode(const QByteArray &data);
};

// Keeps credentials in memory only: for tests, and where no keychain is available.
class MemoryCredentialStore : public CredentialStore
{
    Q_OBJECT
public:
    using CredentialStore::CredentialStore;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const Credentials &credentials, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    int size() const { return int(m_secrets.size()); }

private:
    QHash<QString, QByteArray> m_secrets;
};

// The desktop's keychain (Secret Service or KWallet) through QtKeychain.
class KeychainCredentialStore : public CredentialStore
{
    Q_OBJECT
public:
    using CredentialStore::CredentialStore;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const Credentials &credentials, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    static QString serviceName() { return QStringLiteral("sidecast"); }
};

} // namespace sidecast
