import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

ApplicationWindow {
    id: window

    // Wide: the podcast list beside the content. Narrow: the list in a drawer.
    readonly property bool narrow: width < 760
    property int currentPodcastId: 0
    // The episode whose page is open; 0 on the episode list.
    property int shownEpisodeId: 0
    property bool queueShown: false
    property bool errorsShown: false

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
        shownEpisodeId = episodeId;
        queueShown = false;
        errorsShown = false;
        if (stack.depth > 1)
            stack.replace(stack.currentItem, episodePage, { episodeId: episodeId }, StackView.Immediate);
        else
            stack.push(episodePage, { episodeId: episodeId }, StackView.Immediate);
    }

    function showErrors() {
        shownEpisodeId = 0;
        queueShown = false;
        errorsShown = true;
        if (stack.depth > 1)
            stack.replace(stack.currentItem, errorPage, {}, StackView.Immediate);
        else
            stack.push(errorPage, {}, StackView.Immediate);
        drawer.close();
    }

    function showQueue() {
        shownEpisodeId = 0;
        errorsShown = false;
        queueShown = true;
        if (stack.depth > 1)
            stack.replace(stack.currentItem, queuePage, {}, StackView.Immediate);
        else
            stack.push(queuePage, {}, StackView.Immediate);
        drawer.close();
    }

    function showPodcast(podcastId) {
        currentPodcastId = podcastId;
        shownEpisodeId = 0;
        queueShown = false;
        errorsShown = false;
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
        function onPodcastRequested(podcastId) {
            window.showPodcast(podcastId);
        }
        function onEpisodeRequested(episodeId) {
            window.showEpisode(episodeId);
        }
        function onQueueRequested() {
            window.showQueue();
        }
        function onErrorsRequested() {
            window.showErrors();
        }
        function onCredentialsRequested(podcastId, title, url) {
            credentialsDialog.podcastId = podcastId;
            credentialsDialog.podcastTitle = title;
            credentialsDialog.feedUrl = url;
            credentialsDialog.open();
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
            queueShown: window.queueShown
            errorsShown: window.errorsShown
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
            queueShown: window.queueShown
            errorsShown: window.errorsShown
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
            }
        }
    }

    Component {
        id: episodePage
        EpisodePage {}
    }

    Component {
        id: queuePage
        QueuePage {}
    }

    Component {
        id: errorPage
        ErrorLogPage {}
    }

    CredentialsDialog {
        id: credentialsDialog
    }

    // Keyboard control. Text fields keep their own keys (Space, arrows) while they have focus.
    Shortcut {
        sequence: "Space"
        onActivated: AppContext.player.togglePlayPause()
    }
    Shortcut {
        sequence: "Left"
        onActivated: AppContext.player.skipBack()
    }
    Shortcut {
        sequence: "Right"
        onActivated: AppContext.player.skipForward()
    }
    Shortcut {
        sequence: "Shift+Left"
        onActivated: AppContext.chapters.previousChapter()
    }
    Shortcut {
        sequence: "Shift+Right"
        onActivated: AppContext.chapters.nextChapter()
    }
    Shortcut {
        sequence: "["
        onActivated: AppContext.player.slower()
    }
    Shortcut {
        sequence: "]"
        onActivated: AppContext.player.faster()
    }
    Shortcut {
        sequence: "M"
        onActivated: AppContext.player.toggleMuted()
    }

    footer: NowPlayingBar {
        // The episode page carries the full player; elsewhere this bar keeps it at hand. A one-off
        // URL (opened over MPRIS) has no page, so the bar is its only player.
        visible: AppContext.player.hasEpisode
                 && (AppContext.player.oneOff || window.shownEpisodeId !== AppContext.player.episodeId)
        onOpenRequested: {
            if (!AppContext.player.oneOff)
                window.openEpisode(AppContext.player.episodeId, false);
        }
    }
}
