import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// Playback speed: shows "1.5×"; its menu steps by 0.1 and can keep the speed for this podcast.
ToolButton {
    id: root

    readonly property PlaybackController player: AppContext.player

    objectName: "speedButton"
    text: root.player.rate.toFixed(1) + "×"
    font.bold: root.player.rate !== 1.0
    onClicked: menu.open()
    ToolTip.text: qsTr("Playback speed")
    ToolTip.visible: hovered

    Popup {
        id: menu
        y: root.height
        padding: 12

        ColumnLayout {
            spacing: 8
            RowLayout {
                RoundButton {
                    text: "−"
                    onClicked: root.player.slower()
                    enabled: root.player.rate > 0.5
                }
                Label {
                    text: root.player.rate.toFixed(1) + "×"
                    font.pixelSize: 18
                    horizontalAlignment: Text.AlignHCenter
                    Layout.preferredWidth: 56
                }
                RoundButton {
                    text: "+"
                    onClicked: root.player.faster()
                    enabled: root.player.rate < 3.0
                }
            }
            Flow {
                spacing: 4
                Layout.preferredWidth: 200
                Repeater {
                    model: [0.8, 1.0, 1.2, 1.5, 1.8, 2.0, 2.5]
                    delegate: Button {
                        required property real modelData
                        text: modelData.toFixed(1) + "×"
                        flat: true
                        highlighted: Math.abs(AppContext.player.rate - modelData) < 0.01
                        onClicked: AppContext.player.rate = modelData
                    }
                }
            }
            CheckBox {
                text: qsTr("Only for this podcast")
                enabled: root.player.hasEpisode
                checked: root.player.rateIsPodcastOnly
                onToggled: root.player.rateIsPodcastOnly = checked
            }
        }
    }
}
