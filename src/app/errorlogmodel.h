#pragma once

#include "storage/library.h"

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

namespace sidecast {

// The error log, newest first: every failed refresh and subscription with its podcast, address,
// HTTP status, message and time.
class ErrorLogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use AppContext.errorLog")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role
    {
        WhenTextRole = Qt::UserRole + 1,
        PodcastIdRole,
        PodcastTitleRole,
        UrlRole,
        HttpStatusRole,
        MessageRole,
    };
    Q_ENUM(Role)

    explicit ErrorLogModel(Library *library, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void countChanged();

private:
    Library *m_library;
    QList<Library::ErrorLogEntry> m_entries;
};

} // namespace sidecast
