import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// Mute toggle and volume slider.
RowLayout {
    id: root

    readonly property PlaybackController player: AppContext.player

    spacing: 4
    ToolButton {
        objectName: "muteButton"
        text: root.player.muted ? qsTr("Unmute") : qsTr("Mute")
        onClicked: root.player.toggleMuted()
    }
    Slider {
        objectName: "volumeSlider"
        from: 0
        to: 1
        value: root.player.volume
        enabled: !root.player.muted
        onMoved: root.player.volume = value
        Layout.fillWidth: true
        Accessible.name: qsTr("Volume")
    }
}
