import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// A slim player along the bottom of every page but the playing episode's own.
ToolBar {
    id: root

    readonly property PlaybackController player: AppContext.player
    signal openRequested()

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 10

        CoverImage {
            source: AppContext.chapters.artworkUrl
            Layout.preferredWidth: 40
            Layout.preferredHeight: 40
            MouseArea {
                anchors.fill: parent
                onClicked: root.openRequested()
            }
        }
        ColumnLayout {
            spacing: 0
            Layout.preferredWidth: 260
            Label {
                text: root.player.title
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
                MouseArea {
                    anchors.fill: parent
                    onClicked: root.openRequested()
                }
            }
            Label {
                text: root.player.errorString.length > 0 ? root.player.errorString : root.player.podcastTitle
                color: root.player.errorString.length > 0 ? "#b3261e" : palette.windowText
                opacity: 0.75
                font.pixelSize: 12
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        ToolButton {
            icon.source: "../icons/skip-back.svg"
            onClicked: root.player.skipBack()
        }
        ToolButton {
            icon.source: root.player.playing ? "../icons/pause.svg" : "../icons/play.svg"
            onClicked: root.player.togglePlayPause()
        }
        ToolButton {
            icon.source: "../icons/skip-forward.svg"
            onClicked: root.player.skipForward()
        }
        Label {
            text: AppContext.formatTime(root.player.position)
            font.pixelSize: 12
        }
        Slider {
            Layout.fillWidth: true
            from: 0
            to: Math.max(1, root.player.duration)
            value: pressed ? value : root.player.position
            onMoved: root.player.seek(value)
        }
        Label {
            text: AppContext.formatTime(root.player.duration)
            font.pixelSize: 12
        }
    }
}
