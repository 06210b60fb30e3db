// sidecast-bench SUBCOMMAND [options]: one function per subcommand.

#include "refreshbench.h"

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    if (argc >= 2 && std::strcmp(argv[1], "refresh") == 0)
        return sidecast::bench::refresh(argc - 1, argv + 1);
    if (argc >= 2 && std::strcmp(argv[1], "listing") == 0)
        return sidecast::bench::listing(argc - 1, argv + 1);
    std::fprintf(stderr, "usage: sidecast-bench refresh|listing [options] (see --help)\n");
    return 2;
}
