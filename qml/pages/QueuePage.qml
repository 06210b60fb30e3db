import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// Up Next: what plays after the current episode. Drag the handle or use the arrows to reorder.
Page {
    id: root

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                text: qsTr("Up Next")
                font.pixelSize: 17
                font.bold: true
                Layout.leftMargin: 12
            }
            Label {
                text: AppContext.queue.count > 0
                      ? qsTr("%1 episodes · %2 left at %3×").arg(AppContext.queue.count)
                        .arg(AppContext.formatTime(AppContext.queue.totalRemainingMs))
                        .arg(AppContext.player.rate.toFixed(1))
                      : ""
                opacity: 0.7
                Layout.fillWidth: true
            }
            ToolButton {
                text: qsTr("Clear")
                enabled: AppContext.queue.count > 0
                onClicked: AppContext.queue.clear()
            }
        }
    }

    ListView {
        id: list
        objectName: "queueList"
        anchors.fill: parent
        clip: true
        model: AppContext.queue
        ScrollBar.vertical: ScrollBar {}

        delegate: QueueDelegate {
            width: ListView.view.width
        }

        Label {
            anchors.centerIn: parent
            width: parent.width - 40
            visible: list.count === 0
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            opacity: 0.7
            text: qsTr("Nothing up next. Use “Play next” or “Add to Up Next” in an episode's menu.")
        }
    }
}
