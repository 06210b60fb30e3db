import QtQuick
import QtQuick.Controls
import Sidecast

// The sleep timer: off, after N minutes, at the end of the episode or chapter; "+5 min" extends.
ToolButton {
    id: root

    readonly property SleepTimer timer: AppContext.sleepTimer

    objectName: "sleepTimerButton"
    text: timer.active ? qsTr("Sleep %1").arg(AppContext.formatTime(timer.remainingMs)) : qsTr("Sleep")
    onClicked: menu.open()
    ToolTip.text: qsTr("Sleep timer")
    ToolTip.visible: hovered

    Menu {
        id: menu
        y: root.height

        Repeater {
            model: [5, 10, 15, 30, 45, 60, 90]
            delegate: MenuItem {
                required property int modelData
                text: qsTr("In %1 minutes").arg(modelData)
                onTriggered: AppContext.sleepTimer.startMinutes(modelData)
            }
        }
        MenuItem {
            text: qsTr("At the end of the episode")
            onTriggered: root.timer.startEndOfEpisode()
        }
        MenuItem {
            text: qsTr("At the end of the chapter")
            enabled: AppContext.chapters.hasChapters
            onTriggered: root.timer.startEndOfChapter()
        }
        MenuSeparator {}
        MenuItem {
            text: qsTr("+5 minutes")
            enabled: root.timer.active
            onTriggered: root.timer.extend(5)
        }
        MenuItem {
            text: qsTr("Turn off")
            enabled: root.timer.active
            onTriggered: root.timer.cancel()
        }
    }
}
