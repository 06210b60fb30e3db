import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

ApplicationWindow {
    id: window

    // Wide: the podcast list beside the content. Narrow: the list in a drawer.
    readonly property bool narrow: width < 760
    property int currentPodcastId: 0

    // Opens an episode's page (and optionally starts it). Called from main() for --episode.
    function openEpisode(episodeId, play) {
        const details = Qt.createQmlObject("import Sidecast; EpisodeDetails {}", window);
        details.episodeId = episodeId;
        if (details.valid) {
            currentPodcastId = details.podcastId;
            showEpisode(episodeId);
            if (play)
                AppContext.player.playEpisode(episodeId);
        }
        details.destroy();
    }

    function showEpisode(episodeId) {
        if (stack.depth > 1)
            stack.replace(stack.currentItem, episodePage, { episodeId: episodeId }, StackView.Immediate);
        else
            stack.push(episodePage, { episodeId: episodeId }, StackView.Immediate);
    }

    function showPodcast(podcastId) {
        currentPodcastId = podcastId;
        if (stack.depth > 1)
            stack.pop(null, StackView.Immediate);
        drawer.close();
    }

    width: 1280
    height: 800
    minimumWidth: 420
    minimumHeight: 480
    visible: true
    title: qsTr("Sidecast")

    Component.onCompleted: {
        if (currentPodcastId === 0 && AppContext.podcasts.count > 0)
            currentPodcastId = AppContext.podcasts.idAt(0);
    }

    Connections {
        target: AppContext
        function onSubscribed(podcastId, title, episodeCount) {
            window.showPodcast(podcastId);
        }
    }

    Drawer {
        id: drawer
        width: Math.min(320, window.width * 0.85)
        height: window.height
        interactive: window.narrow

        PodcastSidebar {
            anchors.fill: parent
            currentPodcastId: window.currentPodcastId
            onPodcastChosen: (podcastId) => window.showPodcast(podcastId)
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        PodcastSidebar {
            objectName: "sidebar"
            visible: !window.narrow
            Layout.preferredWidth: 300
            Layout.fillHeight: true
            currentPodcastId: window.currentPodcastId
            onPodcastChosen: (podcastId) => window.showPodcast(podcastId)
        }

        Rectangle {
            visible: !window.narrow
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: palette.mid
        }

        StackView {
            id: stack
            objectName: "stack"
            Layout.fillWidth: true
            Layout.fillHeight: true
            initialItem: EpisodeListPage {
                podcastId: window.currentPodcastId
                showMenuButton: window.narrow
                onMenuRequested: drawer.open()
                onEpisodeChosen: (episodeId) => window.showEpisode(episodeId)
            }
        }
    }

    Component {
        id: episodePage
        EpisodePage {
            wide: stack.width >= 900
            onBackRequested: stack.pop(StackView.Immediate)
        }
    }

    footer: NowPlayingBar {
        // The episode page carries the full player; elsewhere this bar keeps it at hand.
        visible: AppContext.player.hasEpisode
                 && !(stack.currentItem && stack.currentItem.episodeId === AppContext.player.episodeId)
        onOpenRequested: window.openEpisode(AppContext.player.episodeId, false)
    }
}
