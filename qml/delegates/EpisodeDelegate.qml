import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// An episode row: title, date, length, and how far the listener got.
ItemDelegate {
    id: root

    required property int episodeId
    required property string title
    required property string dateText
    required property string durationText
    required property bool played
    required property bool inProgress
    required property real progress
    required property string summary
    // Set in the cross-podcast list of new episodes.
    required property string podcastTitle

    // "Podcast · date · length", leaving out what is not known.
    function metaLine() {
        let line = "";
        for (const part of [root.podcastTitle, root.dateText, root.durationText]) {
            if (part.length > 0)
                line += (line.length > 0 ? "  ·  " : "") + part;
        }
        return line;
    }

    signal playRequested()
    signal menuRequested()

    onMenuRequested: episodeMenu.popup()

    Menu {
        id: episodeMenu
        MenuItem {
            text: qsTr("Play next")
            onTriggered: AppContext.queue.playNext(root.episodeId)
        }
        MenuItem {
            text: qsTr("Add to Up Next")
            onTriggered: AppContext.queue.playLast(root.episodeId)
        }
        MenuItem {
            text: root.played ? qsTr("Mark as unplayed") : qsTr("Mark as played")
            onTriggered: AppContext.setPlayed(root.episodeId, !root.played)
        }
    }

    readonly property bool isCurrent: AppContext.player.episodeId === episodeId

    padding: 10
    leftPadding: 16
    rightPadding: 12

    contentItem: RowLayout {
        spacing: 12

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 3

            Label {
                text: root.title
                font.bold: !root.played
                font.pixelSize: 15
                opacity: root.played ? 0.6 : 1.0
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: root.summary
                visible: text.length > 0
                elide: Text.ElideRight
                maximumLineCount: 1
                opacity: 0.65
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: 8
                Label {
                    text: root.metaLine()
                    font.pixelSize: 12
                    opacity: 0.75
                }
                Label {
                    visible: root.played
                    text: qsTr("Played")
                    font.pixelSize: 12
                    color: "#2e7d32"
                }
                ProgressBar {
                    visible: root.inProgress
                    value: root.progress
                    Layout.preferredWidth: 80
                }
                Label {
                    visible: root.inProgress
                    text: qsTr("In progress")
                    font.pixelSize: 12
                    color: "#1565c0"
                }
            }
        }

        ToolButton {
            objectName: "episodeMenuButton"
            text: "⋯"
            font.pixelSize: 18
            onClicked: root.menuRequested()
            ToolTip.text: qsTr("More")
            ToolTip.visible: hovered

        }

        ToolButton {
            icon.source: root.isCurrent && AppContext.player.playing ? "../icons/pause.svg" : "../icons/play.svg"
            onClicked: root.isCurrent ? AppContext.player.togglePlayPause() : root.playRequested()
            ToolTip.text: root.isCurrent && AppContext.player.playing ? qsTr("Pause") : qsTr("Play")
            ToolTip.visible: hovered
        }
    }
}
