import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// A queued episode: drag handle, artwork, title, time left, and controls to reorder or remove.
ItemDelegate {
    id: root

    required property int index
    required property int episodeId
    required property string title
    required property string podcastTitle
    required property url imageUrl
    required property real remainingMs

    onClicked: AppContext.showEpisode(episodeId)

    contentItem: RowLayout {
        spacing: 10

        Label {
            text: "≡"
            font.pixelSize: 20
            opacity: 0.6
            Layout.preferredWidth: 20
            ToolTip.text: qsTr("Drag to reorder")

            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.SizeVerCursor
                property real startY: 0
                onPressed: (mouse) => { startY = mapToItem(null, 0, mouse.y).y; }
                onReleased: (mouse) => {
                    const dy = mapToItem(null, 0, mouse.y).y - startY;
                    const steps = Math.round(dy / root.height);
                    if (steps !== 0) {
                        const target = Math.max(0, Math.min(AppContext.queue.count - 1, root.index + steps));
                        AppContext.queue.move(root.index, target);
                    }
                }
            }
        }
        CoverImage {
            source: root.imageUrl
            Layout.preferredWidth: 40
            Layout.preferredHeight: 40
        }
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            Label {
                text: root.title
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: root.podcastTitle + "  ·  " + qsTr("%1 left").arg(AppContext.formatTime(root.remainingMs))
                opacity: 0.7
                font.pixelSize: 12
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        ToolButton {
            text: "↑"
            enabled: root.index > 0
            onClicked: AppContext.queue.move(root.index, root.index - 1)
            ToolTip.text: qsTr("Move up")
            ToolTip.visible: hovered
        }
        ToolButton {
            text: "↓"
            enabled: root.index < AppContext.queue.count - 1
            onClicked: AppContext.queue.move(root.index, root.index + 1)
            ToolTip.text: qsTr("Move down")
            ToolTip.visible: hovered
        }
        ToolButton {
            icon.source: "../icons/play.svg"
            onClicked: AppContext.player.playEpisode(root.episodeId)
            ToolTip.text: qsTr("Play now")
            ToolTip.visible: hovered
        }
        ToolButton {
            text: "✕"
            onClicked: AppContext.queue.remove(root.episodeId)
            ToolTip.text: qsTr("Remove from Up Next")
            ToolTip.visible: hovered
        }
    }
}
