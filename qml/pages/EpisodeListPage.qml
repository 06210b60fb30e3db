import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// One podcast: its cover and description, then its episodes, newest first.
Page {
    id: root

    property int podcastId: 0
    property bool showMenuButton: false
    // Not an episode page: lets the window tell pages apart.
    readonly property int episodeId: -1

    signal episodeChosen(int episodeId)
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
                text: qsTr("%n episode(s)", "", episodes.count)
                visible: root.podcastId > 0
                opacity: 0.7
                Layout.rightMargin: 12
            }
        }
    }

    ListView {
        id: list
        objectName: "episodeList"
        anchors.fill: parent
        clip: true
        model: episodes
        ScrollBar.vertical: ScrollBar {}

        header: RowLayout {
            width: list.width
            spacing: 16
            visible: root.podcastId > 0
            height: visible ? implicitHeight + 24 : 0
            CoverImage {
                source: episodes.podcastImageUrl
                Layout.preferredWidth: 96
                Layout.preferredHeight: 96
                Layout.leftMargin: 16
                Layout.topMargin: 12
            }
            Label {
                text: episodes.podcastAuthor
                font.pixelSize: 15
                opacity: 0.8
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.rightMargin: 16
            }
        }

        delegate: EpisodeDelegate {
            width: ListView.view.width
            onClicked: root.episodeChosen(episodeId)
            onPlayRequested: AppContext.player.playEpisode(episodeId)
        }

        Label {
            anchors.centerIn: parent
            visible: list.count === 0
            opacity: 0.7
            text: root.podcastId > 0 ? qsTr("This podcast has no episodes.")
                                     : qsTr("Choose a podcast, or add one by its feed address.")
        }
    }
}
