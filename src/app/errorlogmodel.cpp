#include "errorlogmodel.h"

namespace sidecast {

ErrorLogModel::ErrorLogModel(Library *library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
{
    reload();
}

int ErrorLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ErrorLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Library::ErrorLogEntry &e = m_entries.at(index.row());
    switch (role) {
    case WhenTextRole:
        return e.error.when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case PodcastIdRole:
        return e.podcastId;
    case PodcastTitleRole:
        return e.podcastTitle;
    case UrlRole:
        return e.error.url.toDisplayString();
    case HttpStatusRole:
        return e.error.httpStatus;
    case Qt::DisplayRole:
    case MessageRole:
        return e.error.message;
    default:
        return {};
    }
}

QHash<int, QByteArray> ErrorLogModel::roleNames() const
{
    return {
        {WhenTextRole, "whenText"},         {PodcastIdRole, "podcastId"},
        {PodcastTitleRole, "podcastTitle"}, {UrlRole, "url"},
        {HttpStatusRole, "httpStatus"},     {MessageRole, "message"},
    };
}

void ErrorLogModel::reload()
{
    const int before = int(m_entries.size());
    beginResetModel();
    m_entries = m_library->errorLog(200);
    endResetModel();
    if (before != m_entries.size())
        Q_EMIT countChanged();
}

} // namespace sidecast
