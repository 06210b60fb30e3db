import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// The player for one episode: artwork, title, seek bar with elapsed and remaining time, play/pause
// and skips. When another episode is loaded, it shows this one's saved position and Play switches.
Pane {
    id: root

    required property EpisodeDetails episode
    property bool compact: false

    readonly property PlaybackController player: AppContext.player
    readonly property bool isLoaded: player.episodeId === episode.episodeId && episode.episodeId > 0
    readonly property real positionMs: isLoaded ? player.position : episode.positionMs
    readonly property real durationMs: isLoaded && player.duration > 0 ? player.duration
                                                                       : episode.durationSeconds * 1000

    padding: 16
    background: Rectangle {
        color: Qt.darker(palette.window, 1.04)
        radius: 8
    }

    GridLayout {
        anchors.fill: parent
        columns: root.compact ? 2 : 1
        columnSpacing: 16
        rowSpacing: 12

        CoverImage {
            source: root.isLoaded ? root.player.artworkUrl : root.episode.artworkUrl
            Layout.preferredWidth: root.compact ? 120 : Math.min(root.availableWidth, 308)
            Layout.preferredHeight: Layout.preferredWidth
            Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
            Layout.rowSpan: root.compact ? 2 : 1
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                text: root.episode.title
                font.bold: true
                font.pixelSize: 16
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: root.episode.podcastTitle
                opacity: 0.7
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4

            Slider {
                id: seekBar
                objectName: "seekSlider"
                Layout.fillWidth: true
                from: 0
                to: Math.max(1, root.durationMs)
                value: pressed ? value : root.positionMs
                enabled: root.durationMs > 0
                onMoved: {
                    if (!root.isLoaded)
                        root.player.loadEpisode(root.episode.episodeId);
                    root.player.seek(value);
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Label {
                    objectName: "elapsedLabel"
                    text: AppContext.formatTime(seekBar.pressed ? seekBar.value : root.positionMs)
                    font.pixelSize: 12
                }
                Item { Layout.fillWidth: true }
                Label {
                    objectName: "remainingLabel"
                    text: "−" + AppContext.formatTime(Math.max(0, root.durationMs - (seekBar.pressed ? seekBar.value : root.positionMs)))
                    font.pixelSize: 12
                }
            }

            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: 18

                RoundButton {
                    objectName: "skipBackButton"
                    icon.source: "../icons/skip-back.svg"
                    text: root.player.skipBackSeconds
                    display: AbstractButton.IconOnly
                    enabled: root.isLoaded
                    onClicked: root.player.skipBack()
                    ToolTip.text: qsTr("Back %1 seconds").arg(root.player.skipBackSeconds)
                    ToolTip.visible: hovered
                }
                RoundButton {
                    objectName: "playButton"
                    readonly property bool showsPause: root.isLoaded && root.player.playing
                    icon.source: showsPause ? "../icons/pause.svg" : "../icons/play.svg"
                    icon.width: 32
                    icon.height: 32
                    implicitWidth: 64
                    implicitHeight: 64
                    highlighted: true
                    onClicked: {
                        if (root.isLoaded)
                            root.player.togglePlayPause();
                        else
                            root.player.playEpisode(root.episode.episodeId);
                    }
                    ToolTip.text: showsPause ? qsTr("Pause") : qsTr("Play")
                    ToolTip.visible: hovered
                }
                RoundButton {
                    objectName: "skipForwardButton"
                    icon.source: "../icons/skip-forward.svg"
                    text: root.player.skipForwardSeconds
                    display: AbstractButton.IconOnly
                    enabled: root.isLoaded
                    onClicked: root.player.skipForward()
                    ToolTip.text: qsTr("Forward %1 seconds").arg(root.player.skipForwardSeconds)
                    ToolTip.visible: hovered
                }
            }

            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: 4
                SpeedButton {}
                EffectsButton {}
                SleepTimerButton {}
            }

            VolumeControl {
                Layout.fillWidth: true
            }

            Label {
                objectName: "silenceSavedSummary"
                visible: root.isLoaded && root.player.trimSilence
                text: qsTr("Trimmed silence saved %1 in this episode · %2 in total")
                      .arg(AppContext.formatTime(root.player.silenceSavedEpisodeMs))
                      .arg(AppContext.formatTime(root.player.silenceSavedTotalMs))
                opacity: 0.75
                font.pixelSize: 12
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "upNextSummary"
                visible: AppContext.queue.count > 0
                text: qsTr("Up Next: %1 · %2 left").arg(AppContext.queue.count)
                      .arg(AppContext.formatTime(AppContext.queue.totalRemainingMs))
                opacity: 0.75
                font.pixelSize: 12
                Layout.alignment: Qt.AlignHCenter
            }

            BusyIndicator {
                Layout.alignment: Qt.AlignHCenter
                running: root.isLoaded && root.player.loading
                visible: running
            }

            Label {
                objectName: "playerError"
                visible: root.isLoaded && root.player.errorString.length > 0
                text: root.player.errorString
                color: "#b3261e"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        Item {
            visible: !root.compact
            Layout.fillHeight: true
        }
    }
}
