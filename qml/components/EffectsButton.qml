import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// Audio effects for what is playing: trim silence and voice boost, kept per podcast, and the time
// trimming has saved. Only the GStreamer player has them; elsewhere the popup says so.
ToolButton {
    id: root

    readonly property PlaybackController player: AppContext.player
    readonly property bool anyOn: player.trimSilence || player.voiceBoost

    objectName: "effectsButton"
    text: qsTr("Effects")
    font.bold: anyOn
    onClicked: popup.open()
    ToolTip.text: qsTr("Trim silence, voice boost")
    ToolTip.visible: hovered

    Popup {
        id: popup
        y: root.height
        margins: 8 // stays inside the window
        contentWidth: 260
        padding: 12

        ColumnLayout {
            width: popup.availableWidth
            spacing: 4

            Switch {
                objectName: "trimSilenceSwitch"
                text: qsTr("Trim silence")
                enabled: root.player.audioEffectsSupported
                checked: root.player.trimSilence
                onToggled: root.player.trimSilence = checked
                ToolTip.text: qsTr("Shortens pauses longer than half a second")
                ToolTip.visible: hovered
            }
            Switch {
                objectName: "voiceBoostSwitch"
                text: qsTr("Voice boost")
                enabled: root.player.audioEffectsSupported
                checked: root.player.voiceBoost
                onToggled: root.player.voiceBoost = checked
                ToolTip.text: qsTr("Clearer, evener, louder voices")
                ToolTip.visible: hovered
            }
            Label {
                objectName: "effectsScope"
                visible: root.player.audioEffectsSupported && root.player.hasEpisode
                text: root.player.oneOff ? qsTr("For this file only")
                                         : qsTr("For every episode of %1").arg(root.player.podcastTitle)
                opacity: 0.7
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "effectsSavedLabel"
                visible: root.player.audioEffectsSupported
                text: qsTr("Trimmed silence saved %1 in this episode · %2 in total")
                      .arg(AppContext.formatTime(root.player.silenceSavedEpisodeMs))
                      .arg(AppContext.formatTime(root.player.silenceSavedTotalMs))
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "effectsUnsupported"
                visible: !root.player.audioEffectsSupported
                text: qsTr("Audio effects need the GStreamer player (SIDECAST_MEDIA_BACKEND=gstreamer).")
                opacity: 0.7
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
