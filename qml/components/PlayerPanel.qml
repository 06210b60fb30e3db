import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// The player for one episode: artwork (a chapter's image while that chapter plays), title and
// current chapter, seek bar with elapsed and remaining time, play/pause, skips and chapter
// steps, and the episode's chapters. When another episode is loaded, it shows this one's saved
// position and Play switches.
Pane {
    id: root

    required property EpisodeDetails episode
    property bool compact: false

    readonly property PlaybackController player: AppContext.player
    readonly property ChapterController chapters: AppContext.chapters
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
            objectName: "playerCover"
            source: root.isLoaded ? root.chapters.artworkUrl : root.episode.artworkUrl
            // Smaller when the chapter list needs the room.
            Layout.preferredWidth: root.compact ? 120
                                                : Math.min(root.availableWidth, chapterList.visible ? 220 : 308)
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
            Label {
                objectName: "currentChapterLabel"
                visible: root.isLoaded && text.length > 0
                text: root.chapters.currentTitle
                color: palette.highlight
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.topMargin: 2
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
                spacing: previousChapterButton.visible ? 8 : 18

                ToolButton {
                    id: previousChapterButton
                    objectName: "previousChapterButton"
                    visible: root.isLoaded && root.chapters.hasChapters
                    icon.source: "../icons/chapter-previous.svg"
                    display: AbstractButton.IconOnly
                    onClicked: root.chapters.previousChapter()
                    ToolTip.text: qsTr("Previous chapter (Shift+Left)")
                    ToolTip.visible: hovered
                }
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
                ToolButton {
                    objectName: "nextChapterButton"
                    visible: previousChapterButton.visible
                    icon.source: "../icons/chapter-next.svg"
                    display: AbstractButton.IconOnly
                    onClicked: root.chapters.nextChapter()
                    ToolTip.text: qsTr("Next chapter (Shift+Right)")
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

        ChapterList {
            id: chapterList
            objectName: "chapterSection"
            episodeId: root.episode.episodeId
            visible: count > 0
            Layout.columnSpan: root.compact ? 2 : 1
            Layout.fillWidth: true
            Layout.fillHeight: !root.compact
            Layout.minimumHeight: Math.min(contentHeight, 120)
            Layout.preferredHeight: root.compact ? Math.min(contentHeight, 180) : contentHeight
        }

        Item {
            visible: !root.compact && !chapterList.visible
            Layout.fillHeight: true
        }
    }
}
