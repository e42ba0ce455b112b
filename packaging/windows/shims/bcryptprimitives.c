/* Build-time stand-in for Windows' bcryptprimitives.dll under Wine 8.0, which lacks
 * ProcessPrng (Rust's standard library imports it: cryptography, python-calamine, uuid-utils).
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32!SystemFunction036), the same
 * system generator. Used only while building and testing under Wine: never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
