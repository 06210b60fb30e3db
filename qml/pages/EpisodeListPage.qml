import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// One podcast: its cover and description, then its episodes, newest first.
Page {
    id: root

    property int podcastId: 0
    property bool showMenuButton: false

    signal menuRequested()

    EpisodeListModel {
        id: episodes
        podcastId: root.podcastId
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                visible: root.showMenuButton
                icon.source: "../icons/menu.svg"
                onClicked: root.menuRequested()
                ToolTip.text: qsTr("Podcasts")
                ToolTip.visible: hovered
            }
            Label {
                text: episodes.podcastTitle
                font.pixelSize: 17
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.leftMargin: root.showMenuButton ? 0 : 12
            }
            Label {
                text: episodes.count === 1 ? qsTr("1 episode") : qsTr("%1 episodes").arg(episodes.count)
                visible: root.podcastId > 0 || root.podcastId === EpisodeListModel.NewEpisodes
                opacity: 0.7
            }
            ToolButton {
                objectName: "refreshPodcastButton"
                visible: root.podcastId > 0
                icon.source: "../icons/refresh.svg"
                onClicked: AppContext.refreshPodcast(root.podcastId)
                ToolTip.text: qsTr("Refresh this podcast")
                ToolTip.visible: hovered
                Layout.rightMargin: 6
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            spacing: 16
            visible: root.podcastId > 0
            Layout.fillWidth: true
            Layout.margins: 16
            CoverImage {
                source: episodes.podcastImageUrl
                Layout.preferredWidth: 96
                Layout.preferredHeight: 96
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 4
                Label {
                    text: episodes.podcastAuthor
                    font.pixelSize: 15
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: episodes.podcastDescription
                    wrapMode: Text.Wrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                    opacity: 0.8
                    Layout.fillWidth: true
                    // Wrapped text in a layout: a fixed preferred width keeps its height from
                    // feeding back into the width (a polish loop).
                    Layout.preferredWidth: 1
                }
            }
        }

        ListView {
            id: list
            objectName: "episodeList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: episodes
            ScrollBar.vertical: ScrollBar {}

            delegate: EpisodeDelegate {
                width: ListView.view.width
                onClicked: AppContext.showEpisode(episodeId)
                onPlayRequested: AppContext.player.playEpisode(episodeId)
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                opacity: 0.7
                text: root.podcastId > 0 ? qsTr("This podcast has no episodes.")
                      : root.podcastId === EpisodeListModel.NewEpisodes
                        ? qsTr("Nothing new: every episode is played or started.")
                        : qsTr("Choose a podcast, or add one by its feed address.")
            }
        }
    }
}
