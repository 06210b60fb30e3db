import QtQuick

// Podcast or episode artwork, with a quiet placeholder while it loads or when there is none.
Rectangle {
    id: root

    property alias source: image.source

    color: "#d8dde3"
    radius: 4
    clip: true

    Image {
        anchors.centerIn: parent
        width: parent.width * 0.5
        height: width
        visible: image.status !== Image.Ready
        source: "../icons/podcast.svg"
        sourceSize.width: width
        sourceSize.height: height
        opacity: 0.4
    }

    Image {
        id: image
        anchors.fill: parent
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        sourceSize.width: width * 2
        sourceSize.height: height * 2
    }
}
