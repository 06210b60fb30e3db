import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// The heart of the app: the episode's show notes beside its player. Side by side when wide,
// the player above the notes when narrow.
Page {
    id: root

    property alias episodeId: details.episodeId
    readonly property bool wide: width >= 900

    EpisodeDetails {
        id: details
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "backButton"
                icon.source: "../icons/back.svg"
                onClicked: AppContext.showPodcast(details.podcastId)
                ToolTip.text: qsTr("Back to the episodes")
                ToolTip.visible: hovered
            }
            Label {
                text: details.podcastTitle
                elide: Text.ElideRight
                font.pixelSize: 15
                opacity: 0.8
                Layout.fillWidth: true
            }
            ToolButton {
                text: details.played ? qsTr("Mark unplayed") : qsTr("Mark played")
                onClicked: AppContext.setPlayed(details.episodeId, !details.played)
            }
        }
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: 16
        columns: root.wide ? 2 : 1
        columnSpacing: 24
        rowSpacing: 16

        ShowNotesView {
            objectName: "showNotes"
            Layout.row: root.wide ? 0 : 1
            Layout.column: 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: details.title
            subtitle: details.durationSeconds > 0
                      ? details.dateText + "  ·  " + AppContext.formatTime(details.durationSeconds * 1000)
                      : details.dateText
            notesHtml: details.notesHtml
            onSeekRequested: (seconds) => {
                if (AppContext.player.episodeId !== details.episodeId)
                    AppContext.player.loadEpisode(details.episodeId);
                AppContext.player.seek(seconds * 1000);
                AppContext.player.play();
            }
        }

        PlayerPanel {
            objectName: "playerPanel"
            Layout.row: 0
            Layout.column: root.wide ? 1 : 0
            Layout.preferredWidth: root.wide ? 340 : -1
            Layout.fillWidth: !root.wide
            Layout.fillHeight: root.wide
            Layout.alignment: Qt.AlignTop
            compact: !root.wide
            episode: details
        }
    }
}
