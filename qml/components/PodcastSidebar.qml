import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Sidecast

// The subscribed podcasts and the field to add one by its feed address.
Pane {
    id: root

    property int currentPodcastId: 0
    property bool queueShown: false
    property string opmlMessage: AppContext.importing ? qsTr("Importing subscriptions…") : ""

    Connections {
        target: AppContext
        function onOpmlImported(summary) { root.opmlMessage = summary; }
        function onOpmlExported(summary) { root.opmlMessage = summary; }
    }

    Menu {
        id: libraryMenu
        MenuItem {
            text: qsTr("Import subscriptions (OPML)…")
            onTriggered: importDialog.open()
        }
        MenuItem {
            text: qsTr("Export subscriptions (OPML)…")
            onTriggered: exportDialog.open()
        }
    }

    FileDialog {
        id: importDialog
        title: qsTr("Import subscriptions")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("OPML files (*.opml *.xml)"), qsTr("All files (*)")]
        onAccepted: AppContext.importOpml(selectedFile)
    }

    FileDialog {
        id: exportDialog
        title: qsTr("Export subscriptions")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "opml"
        nameFilters: [qsTr("OPML files (*.opml)")]
        onAccepted: AppContext.exportOpml(selectedFile)
    }
    property bool errorsShown: false

    padding: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 14
            Layout.rightMargin: 8
            Layout.bottomMargin: 6
            Label {
                text: qsTr("Sidecast")
                font.pixelSize: 22
                font.bold: true
                Layout.fillWidth: true
            }
            ToolButton {
                objectName: "refreshButton"
                icon.source: "../icons/refresh.svg"
                enabled: !AppContext.refresher.running && AppContext.podcasts.count > 0
                onClicked: AppContext.refreshAll()
                ToolTip.text: qsTr("Refresh all podcasts")
                ToolTip.visible: hovered
            }
            ToolButton {
                objectName: "libraryMenuButton"
                text: "⋯"
                font.pixelSize: 18
                onClicked: libraryMenu.popup()
                ToolTip.text: qsTr("Library")
                ToolTip.visible: hovered
            }
        }

        Label {
            objectName: "opmlMessage"
            visible: text.length > 0
            text: root.opmlMessage
            wrapMode: Text.Wrap
            font.pixelSize: 12
            Layout.fillWidth: true
            Layout.leftMargin: 14
            Layout.rightMargin: 14
        }

        // Progress of a refresh: feeds done out of all.
        ColumnLayout {
            objectName: "refreshProgress"
            visible: AppContext.refresher.running
            spacing: 2
            Layout.fillWidth: true
            Layout.leftMargin: 14
            Layout.rightMargin: 14
            Layout.bottomMargin: 6

            ProgressBar {
                from: 0
                to: Math.max(1, AppContext.refresher.total)
                value: AppContext.refresher.done
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Refreshing %1 of %2").arg(AppContext.refresher.done).arg(AppContext.refresher.total)
                font.pixelSize: 11
                opacity: 0.7
            }
        }

        AddPodcastField {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
        }

        ItemDelegate {
            objectName: "newEpisodesEntry"
            leftPadding: 14
            Layout.fillWidth: true
            Layout.topMargin: 10
            text: qsTr("New episodes")
            highlighted: root.currentPodcastId === EpisodeListModel.NewEpisodes && !root.queueShown
            onClicked: AppContext.showPodcast(EpisodeListModel.NewEpisodes)
        }

        ItemDelegate {
            objectName: "upNextEntry"
            leftPadding: 14
            Layout.fillWidth: true
            text: AppContext.queue.count > 0 ? qsTr("Up Next (%1)").arg(AppContext.queue.count) : qsTr("Up Next")
            highlighted: root.queueShown
            onClicked: AppContext.showQueue()
        }

        ItemDelegate {
            objectName: "errorsEntry"
            leftPadding: 14
            Layout.fillWidth: true
            visible: AppContext.errorLog.count > 0
            text: qsTr("Errors (%1)").arg(AppContext.errorLog.count)
            highlighted: root.errorsShown
            onClicked: AppContext.showErrors()
        }

        Label {
            text: qsTr("Podcasts")
            font.capitalization: Font.AllUppercase
            font.pixelSize: 11
            opacity: 0.7
            Layout.leftMargin: 14
            Layout.topMargin: 14
            Layout.bottomMargin: 4
        }

        ListView {
            id: list
            objectName: "podcastList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: AppContext.podcasts
            currentIndex: root.queueShown ? -1 : AppContext.podcasts.indexOfId(root.currentPodcastId)
            ScrollBar.vertical: ScrollBar {}

            delegate: PodcastDelegate {
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                onClicked: AppContext.showPodcast(podcastId)
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 40
                visible: list.count === 0
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                opacity: 0.7
                text: qsTr("No podcasts yet. Paste a feed address above to subscribe.")
            }
        }
    }
}
