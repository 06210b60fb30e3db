import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// An episode's chapters: a click plays from the start of one (loading the episode when another
// one is in the player); while this episode plays, its current chapter is highlighted and kept
// in view. Chapters marked toc:false are not listed.
ColumnLayout {
    id: root

    property int episodeId
    readonly property int count: chapterModel.count
    // Room for every row, for layouts that size the list to its content.
    readonly property real contentHeight: heading.implicitHeight + spacing + list.contentHeight

    spacing: 4

    ChapterModel {
        id: chapterModel
        episodeId: root.episodeId
        onCurrentIndexChanged: {
            if (currentIndex >= 0)
                list.positionViewAtIndex(currentIndex, ListView.Contain);
        }
    }

    Label {
        id: heading
        text: qsTr("Chapters")
        font.bold: true
        opacity: 0.8
    }

    ListView {
        id: list
        objectName: "chapterList"
        model: chapterModel
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        Layout.fillWidth: true
        Layout.fillHeight: true
        ScrollBar.vertical: ScrollBar {}

        delegate: ChapterDelegate {
            width: ListView.view.width
            onClicked: ListView.view.model.playChapter(index)
        }
    }
}
