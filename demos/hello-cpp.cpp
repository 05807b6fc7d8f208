// hello-cpp.cpp - a JerichoOS task in C++: libc++ (strings, vectors,
// algorithms), a capability owned by an object, and endpoint calls that
// fail cleanly when nobody is there.
//
// caps: console:w endpoint:box:rw
// expect: hello from C++: 3 words, sorted: capabilities microkernel wasm
// expect: nb_send with no receiver: WOULD_BLOCK
// expect: poll of an empty endpoint: WOULD_BLOCK
// expect: slot 5 holds a read-only copy: endpoint r
// expect: minting it back to rw: NO_RIGHTS
// expect: slot 5 after its owner went: EMPTY_SLOT
// expect-kernel: task hello-cpp exited with code 0
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <jericho.h>

namespace {

constexpr jericho_cap_t CONSOLE = 0, BOX = 1;   // as the caps: line gives them

// A slot this code owns: the capability is deleted when the object goes.
class OwnedCap {
public:
    explicit OwnedCap(jericho_cap_t slot) : slot_(slot) {}
    ~OwnedCap() { jericho_cap_delete(slot_); }
    OwnedCap(const OwnedCap &) = delete;
    OwnedCap &operator=(const OwnedCap &) = delete;
    jericho_cap_t slot() const { return slot_; }

private:
    jericho_cap_t slot_;
};

std::string describe(jericho_cap_t slot)
{
    jericho_capinfo_t info;
    int32_t r = jericho_cap_info(slot, &info);
    if (r < 0)
        return jericho_error_name(r);
    std::string s = jericho_captype_name(info.type);
    s += ' ';
    for (auto [bit, letter] : {std::pair{JERICHO_R_READ, 'r'}, {JERICHO_R_WRITE, 'w'},
                               {JERICHO_R_GRANT, 'g'}})
        if (info.rights & bit)
            s += letter;
    return s;
}

void say(const std::string &line)
{
    std::string text = line + "\n";
    jericho_console_write(CONSOLE, text.data(), static_cast<uint32_t>(text.size()));
}

}  // namespace

int main()
{
    std::vector<std::string> words = {"wasm", "microkernel", "capabilities"};
    std::sort(words.begin(), words.end());
    std::string line = "hello from C++: " + std::to_string(words.size()) + " words, sorted:";
    for (const auto &w : words)
        line += " " + w;
    std::printf("%s\n", line.c_str());

    const char ping[] = "ping";
    say(std::string("nb_send with no receiver: ") +
        jericho_error_name(jericho_nb_send(BOX, ping, sizeof ping - 1, JERICHO_NO_CAP)));
    char buf[16];
    jericho_msginfo_t info;
    say(std::string("poll of an empty endpoint: ") +
        jericho_error_name(jericho_poll(BOX, buf, sizeof buf, &info)));

    {
        OwnedCap ro(5);
        jericho_cap_mint(BOX, ro.slot(), JERICHO_R_READ, 0);
        say("slot 5 holds a read-only copy: " + describe(ro.slot()));
        int32_t r = jericho_cap_mint(ro.slot(), 6, JERICHO_R_READ | JERICHO_R_WRITE, 0);
        say(std::string("minting it back to rw: ") + jericho_error_name(r));
    }
    say("slot 5 after its owner went: " + describe(5));
    return 0;
}
