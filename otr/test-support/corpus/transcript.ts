// Generated from otr/test-support/transcript.ts: do not edit.
// Regenerate with: npx vitest run otr/session/transcript-corpus.test.ts -u
import type { TranscriptCorpus } from '../transcript';

export const TRANSCRIPT_CORPUS: TranscriptCorpus = {
  "maxMessageBytes": 400,
  "messages": [
    {
      "from": "alice",
      "text": "?OTRv23? alice@example.org has requested an Off-the-Record private conversation. See https://otr.cypherpunks.ca/ for more information."
    },
    {
      "from": "bob",
      "text": "?OTR:AAMCCrze8AAAAAAAAADEgeHNiSicVSALKQYrBYRFgaDQbIdPBDX7VksnTE0Qi5VXnysyz9I7J9sBQbRfO3rQ8IDUcwYFOkM3DeCptX4zAMBTyczbnLuUb2jogibatCgWJMOolM1IEqZstU9jF1hEmXklGGIaSQQAHuBLtze59KphlNP50XiOzDcfyboiyui83cTOkF1c6aYv89ORaBdE/UUTGVz6zITyYU2T+CP4zY2ys4d3e+Qt2PoqQSftEAHX/b8oAiTkeO5ihbLLj7SkGWCH6QAAACBUF68IVji7nAd8/xfYGnPWWpo3izcdrLbHtdarOrFtew==."
    },
    {
      "from": "alice",
      "text": "?OTR:AAMKEjRWeAq83vAAAADAvjOJbKr3hCrUvYcjgITBGgLM6qvTldqYu4Nk2DWEqWn/+1+jH0xeNIlqHG4CbMg1x5bf+p8BA6lk/+RQo6eGdH1DtLKu1w9RQOfn/vOqPF5kzHt08aBRkVuQJa5ys3E+5giqYBmJj9PZcGc1fUiFkmJETVrEBHndpEt4/ibLZflUGL0u+vcTNObDCgjlF6LmRwcEm/6qGf9h8QWxKk/b9SAeZNaq7cp8MOpt/EixHtbiT7XVnaNJVSIrR4kKojYt."
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00001,00002,?OTR:AAMRCrze8BI0VngAAAAQpQ2D3HFlmLP37j0m2eqqAgAAAdKeCSTsJi9hcW+0Od2QVh0y/qBSUuvqJBmGHRKeZUlK6tyyk+xszuXn4l8bjh1vY8RFE8a4rxus+Xc8NK4+xocvlP1AGTV0/xU51Tp330TTj4hRbDLVIvx+l/RQ3wLDxTAWvZsOaLfH7EPt1yXPWLEGPZqDlkghmkPGEpTzbTavAbtuv7ksiVN3qksps4dHCCn8LbriDO21soHn2+UTrWdxD5aWjzZTDKLKcdJw+KAloAr8Aqm7RKOfbciwOBmr713yiRGlDKB2tjhDjfk7YJCYCVCCI0nmC2BKIXHzVnmLuXedGlXh4MjDwG7,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00002,00002,B+2gtka9+rPnEA2mqEfdZQm4lJtis24hBIBjLBwr3QBfs7w31HziXuux/lH1RTOP1u+yUGxzht7HxeTspZody8kbxFfB3l3f7tfEYsuu5B2rC0SPKmXNx4bS6Rn734ckYdsHlpJMvCwGbrxChSjhASPojrliAYcLDAL9urUR77EAyMO2aARD98KCpakTCjbXSwTtaQ8KiRyEbauFjZ25F1S84UyCKmDBRMgMPdSFkeufTLCGhCOFEWFVH3io2/7u1nzE5sYHnOPpkPNVqyHks4N+NSaHBb8VEFAP14tpfaEGTDU4SmHzML1AOWemPUyVMcedbHEhc5WxIW3s=.,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00001,00002,?OTR:AAMSEjRWeAq83vAAAAHSnDlflU2UvrqtgAa3UaRIqHDmmPdvMFMN3LtSMKPB+EOQwU/ONh0KFcM+qXMcx/o5Zf8jqDoqUYGtH0hoobQ07pY0dwhhY7TH+P8zSHA/IlvNDquLMBqkJQtxGdqzM4CiydtT1e3spmgvoeHBjEFhYP1E3uYPnwm40i4W+abYMjY6lTqrAtWBMrV510N71Vchl6Ocigrb33SwC+bRiDX19GeM4ULO1LHqlez0dG9uNBYxv15rF0iisUZhtEsn6MZX94LE3Ni6yGstf7UvefXUHsDUYwJQp7X3DTYFiMnWYw+WVCp4q5yuaS0OgubsrlcjA58mSdJzc/14l3vNDSI,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00002,00002,PLNdRe/zJaCp8mJ9nYMSXjgRCuA1fv5Ad2jLAmpmCksu3ZUK+0XpO/mkwH6yASJzP7iw4wZ8I/FFPxyRYEVS19nVaMAsbOclYNqZhh+ZJHrQc70KMVjwrP3iaOix/4EQZ8NRUg//qNgiOc8IIuKb8MOKnbYTlCFNX03Wer4xbwfekFzkzAJPt7RdvvdjrRy6+XmKwu4gZjcjIRfSnrUNMrRlK3omXUmKHkEPLtPPmR/B+FqnQE3c5/sobyWmmfRAFpTEMZ4g6PZh5R1Ilf0knrdR768w6H/ZqaorOO+msP5QMVwaoSihv.,"
    },
    {
      "from": "alice",
      "text": "?OTR:AAMDEjRWeAq83vAAAAAAAQAAAAEAAADAQ+EY1YX5zwGXe/8u/kJ5KKMxwtjWluNW9v2WEwEcP2YWpTFpEbsWwM8b+u0CQOUwJM6b3b+nlX7LNcR+DQ4kvfI8lcTf2M4kqtGMSuKMG4QJGtYFqMVcG/1BctcmuIl/Bjeg95VMrPCTQGOoDQZCH2Twqivn0ftuju9sh2B3lzSN6LQqjfyIvyhYo73kQmdedwuJoLV2ixe0zgoayPTKRduKNLCUHEjTDtwbM7KOlFeFFgFXD82ClGVzyqfDB1lJAAAAAAAAAAEAAAAKl+xv3j/llSCsf7HdWPsGFRIiZXmlwNBGpY9ZOIVwAAAAAA==."
    },
    {
      "from": "bob",
      "text": "?OTR:AAMDCrze8BI0VngBAAAAAQAAAAIAAADA9v1/tZdQYE2bqGFQXZKlxYi4X875sDeMyC0T4PiD0NF+ETupFYT/cCvhLj2thkrHa6bb3rPsUgqjrV+vnzwOvwFgpJq2/nqbxC1OA0pl4GITjtvNoMIzzRH0E5HrlMiWRyXMhWnZuUZqO4Co0K01Bg6+8flfTWNB994CJoIEgyyUuVXqVg3SbHA5eobIzjy2KNHHmAi3mWym92NGJiDz2dBNK0iTIpEoA3i+EhFn68k1IW/IFNMe1xUGHy3cTXikAAAAAAAAAAEAAAABUd+yUuL37Gv8Tmg/erpEd1KMchF7AAAAAA==."
    },
    {
      "from": "bob",
      "text": "?OTR:AAMDCrze8BI0VngAAAAAAQAAAAIAAADA9v1/tZdQYE2bqGFQXZKlxYi4X875sDeMyC0T4PiD0NF+ETupFYT/cCvhLj2thkrHa6bb3rPsUgqjrV+vnzwOvwFgpJq2/nqbxC1OA0pl4GITjtvNoMIzzRH0E5HrlMiWRyXMhWnZuUZqO4Co0K01Bg6+8flfTWNB994CJoIEgyyUuVXqVg3SbHA5eobIzjy2KNHHmAi3mWym92NGJiDz2dBNK0iTIpEoA3i+EhFn68k1IW/IFNMe1xUGHy3cTXikAAAAAAAAAAIAAAAJKLajRje+Y7mXtQw5rqpz1CFgurKg1Jfnt7E8du0AAAAA."
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00001,00003,?OTR:AAMDEjRWeAq83vAAAAAAAgAAAAIAAADAh0FZ4x+VLxRfu+erZJ1Pe2CUtE99SuJmvcll+MZeZIa69GuELdEKDVUwE/ikfWW8sQEmgUVNYpjXfxJ+tBMq+71dDUMi33BroI+3wIyEy9aRczUuz13xrRtv1G4HlGQx+QY+bFcQWvT93jMmmGoMuiQsgNhSJut3rbVQ3dUYP7slQe+n+yIC552zWsx6bMPOdZeHD4cTw/ejaoj//SKJ3DOyJ1l9K81Y/jvbp8PD2H+LfhLnN4dNtpR6UXfKTcPgAAAAAAAAAAEAAAHtnByqsrkYs2c5hd6wgOtc1Orp7Vc6F4GtnPpvo5tIAobh3o8cfCnrJwf,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00002,00003,njW0iLs7GrCF9Kqe+ZRVxrUw0b2IiwG0m3WDuH49Le2UJG/NB1sOk1wmaMAr0QZm09XoQfYfcQDSCTwDPfsk8EcevVdzvUGAxJW0YZ3mh4KcD3Vow1J5ZIOXKcjmDkbkA2sD/pstDzFyBAKTVvP084vYTkyaQSPY5EjRWBvFf9IQ9uxCVoDgw6Qxs3SLsx9QhrtB2Vvzx9FcWmSnnmBIldv/Y7VLqdZ56gYWVl6OO4QSBAt9RnxoX+01485ZPrfyMtzMQQFlvFLweJAvTp60JV3i1khmUjzyrIuxZ/ru4QDGr3L7dC6+s71F+mmXn/5bHHbqcz4+rg59PTj0LSo3hHJzQooGq3O0G0qslwH2gQQh,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00003,00003,jPCXGCPpqU+7WnAWeHU0n1cS3eAtnWdQInqzadO445nlazTQE/G3ik9yi9qeqiL0rA1vpicntprw1/syG+psFZklqvUS35uybmS6uWXVXycg1GThI4lKgNwXBZvp9GcqgBJDr6sha6FcosMK7R9ltm5W22PfGq8e8zLxPcNUe9UuqQ/7oZiPZpoTfUPA7DD06qbONJ+SSox3Yqip/4XPBgSGGegWEhRC++Wxjp0bTL4FBY7MTrrvPJdO7nXDiFZHvhWhEShrWAAAAAA==.,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00001,00005,?OTR:AAMDEjRWeAq83vABAAAAAgAAAAIAAADAh0FZ4x+VLxRfu+erZJ1Pe2CUtE99SuJmvcll+MZeZIa69GuELdEKDVUwE/ikfWW8sQEmgUVNYpjXfxJ+tBMq+71dDUMi33BroI+3wIyEy9aRczUuz13xrRtv1G4HlGQx+QY+bFcQWvT93jMmmGoMuiQsgNhSJut3rbVQ3dUYP7slQe+n+yIC552zWsx6bMPOdZeHD4cTw/ejaoj//SKJ3DOyJ1l9K81Y/jvbp8PD2H+LfhLnN4dNtpR6UXfKTcPgAAAAAAAAAAIAAAN0e9LJPVwhoy4lvd4l2dv55X8AibhMp3TXOTzndHe45P/nLEBjS5efiWr,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00002,00005,DHzGgIj6cM7rR++E5KFOMgtQ7RaWGBDJXkNAm6zZn2k+x7O7GA5BHo8FrTWAnh+m4dvgUT8N0LhE5kwQ5FyA1HjNmGC/vecGtCzXSUJNPsNpBWs0w6EysgK/eLOIJlRaDGInIzEbTxa8AInqppKc/pVajXmPOQkLToZVS90Ftw2rTUWrTYfrOam7JsjAupXS6K7ghpu87K9n+ZC/QUby3q3Fwqkoz5/ddvbm1jd/X5CkCmVHNPQ7wRiUMBshro3LbLIHZ7ZXOy9+DX6ig3jilGPd2VOy2mz6iJFdyvJ+vM4KSKBH2DSSsAF438zkgKMIO47Vi9BejElimZgm/QnJWvRNwGeYdXcIoWfYxHY/uGrI,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00003,00005,pjqsWhY7NxC1ImYF1ZUXnCrdjwbBV1ZWY8rSBiHohpDO+Kq6nM6/9qhZgKgn7guuOvDVxAcLZr2LaIbY8t8VLvS0qSzzUlbuZvL8mA2o0WwOIhKML4ncyEOQvl3AgsxrxsKPddvz2zbEsObJwUqCqhrTkDMYny2K3t60+VcKdlgcLLfJJOsz9ZA3/T6oCVOrLMiEX5I2wflRE2LAzHqd4YffCOLvVkj42UC1K9jVj1+Ue5MwWlhCGXcq0w++vFcrxCiA8dt+dcMRRh7hY1cxHCJ+KC6RarCHhBnIX2SDEEtaoKtDm9dHlzCsc+Zq6M5AaV3fOT9wHYIklxitM8mYNuJN6QoIZyn5VFyvSjlaaF/a,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00004,00005,2NIU0BW3V+MGI6RYjFJRmtCQqd2wLW0NfL80ZUeZNtTHsmUsvBnu8YjuQi0a9VUww/1YwuUN289dIOmXAQTx1QI7NhplAfyJj+j1e7DDZmfou2lLnOjlLDudg8OzM1y3zdAxo9QiY6TMEDeCYKoWUMTtr+ilKYasIr/YIkmZCh5c7BOacuzfjFhzwOMx/xAfBCG+s3w/2SlU7KEW9xSqAW8xPrkgS9yWkij92ror3GmHu+kXwpWED+WDRHt7mTXwIgWJlqBQdpr3LG5qJjtM9wnpACWt8s6S1E8Y2jU3GjQKaYU8DUrk6FTZ9O0aJ7pBXCq4LsQjkBpRWLjjgb23ubwpoBckjjs0nNEg3wf+S+Oj,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00005,00005,MSZ7rJ7dXHWK5T1Zbtp0vrtRUn+ggBJnhL/alharMy50tNTXlCPmA/1qGLwAAAAA=.,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00001,00008,?OTR:AAMDCrze8BI0VngBAAAAAgAAAAMAAADASAZMB3THsMStU0W43HFTHhg7PUvy+2A/Qdngw4dyWGvJiHVM1qkdXcEos8Io7XGCnPml40HoN0uRcOGVikFoxMuDYl356EwzC1MvbtkXna0U/NRWj8QCBG0WlkHgh7Wn/3ImFxGKqSOwQYUQaTuwKB/bL+LZcRqMD2sxZ/qgpsXHtLTgrj1shQKZ/SrRWvGww04om+pvvX1qnpjOvSZt4ALkdbf1FxMpDVeKOFR/nyIjO30vbEbDqBmZwyZURH27AAAAAAAAAAEAAAaUuhJ6oH8xk4mOVYgXrPl+Kbti5cU5J43it2HFEglhCR0adG3N/acgpt+,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00002,00008,WWNxRlSNxOArfcPtwzQ1qiXGWvyAmFdTSB7AvfLVake1ZJw4r7Pxb4TXXLg5FkXmi3wGas2PXYmkyF32ZNOY+3fBjnOLwSADe9O0xva5JIofyjUlWvkUC/7tUmo09FPM5P6+1SX208xBqDyXWV5WhZWJGlQaxidHwmrm6J9tT17YsHl3i3BPL6ZD22Q9IbF+ypH+YOAGQ802aCoNBDcXGsTx7zht7cNJSJuoxpVrzVLIIxyVdD9tIDKuQoPYTdoKjX9D1JAIOUT+EsQigbq/bSiX/m+mEXvlPsm6U4xVwZKQgR5Xx/tZXTIQQ4FHATeukpEGPU3jAjojrF0GXDmj+HU+fgd5geVBM16rrQWjkUZB,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00003,00008,Kf4Xwdb/5FgugD/ULU9N9Fe17ZObH5eLq7qkFK3rxnTTKFsI6++EGQG3mta5aqrFRY6rbQ+4Tpihh7MCnURpEt/7lcJSD+29grCFt/oNpufCq9/yL6xPMjRp8yQrKOrwwFuJkt5w+wiWLZXsDz712/ARyi2tX1Xe9wRqbVyzbzs3RQ8VmkNJUyfR7X0MvcpjuSWs9mBtURQYNdPqXaKGl/dNRaVsANodkVS5tdf5nilhuFpWXxSe6VbQo8EJ8tskmzoFr7tRvISb+zr/3BxFxdy0n/a7gUgcefLvU4XOAsU7iMFh+EE/hOzoeTutVWPV3Dmg3tKXgxdiYps82dzU6oZEI5+jZQd75U+hLE5jQJdR,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00004,00008,NTamyckzHUL97/zNOHAAhuhBRxIagZJ0B9+YUc+wjD4rwo32F0BepL7hk19OSYsIFyhITUNteZmXcTeOOYE/EWOoRXTOUiE2mZZGpMrMSUt7xqlTPONkbjNExglX7JAEYkw98hm/LOOckzatXA8aAe3OyN9yJQfh5nmXaBY8vxdRlUlbORisAXRm2D/hEFGzIdQVcfpyd8mWM/XuimCd/C+jQQrXzEFRt2R/SjqjDCWUNK4j1OZDc/qCDSJg7fQln12LgiCxBR6MWZ6yVj4KHKjxiJ5SOoUfWXxEGfBp5qYDWxcvtUa03mBcejdsYCISSR2DRkGlW/2OAR04Cv4lH2aqkojkzW2wVSR9foJOSyis,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00005,00008,UUyBAyMns2YWiRepZdGKRbxe88w5h38wFmCGhq3GiBzb2sO8PdvhQbLr/g/r7MFexIGqOqMI36KnPerdLuZOH7yQXYb65iKAzJp4XgyMVpkGtVQZQSXAogyOy2LbREYOKvWg9o/bAkyIpF2SpaG0et5XRbt/+kkoW8VAXX69mf502mT1ZGXEq69uGtm1wJdcaZgNOn1ssABMXDlYaSTHSZdXBcGauAL+A8mwJPXe1ffSOdGn4TOhmNlK4peJdSi4j3vGnvZ0/w+3+3vldP8/kcveOgCQW2P3OYnSs5bJ+dN4akYHC5xF191NU+HpUVzCDKGrIR799L3XB2NM6W+zTXSMJufS9JhvXPC+ndW/fguV,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00006,00008,v1JF2ss5XlCXg0dB8GJFn1dSpS24lCPj8UljVCl3bcGSl7FgXHFWgV7d72mbdpQXw/Y4Srqdtlxc9MgOBDr0kmrD9xv+YuYQ4FUCQvTp0SFEv6e1eKwFCDWf5ZjgKzbDWsgbdW/aoiFfKqbD+Y/lFiXuJX2riio4l13RODMdjowlDg+Qe8XCtfwU9fmsfH0/OhQ03tEoOTHOP4K4sgzs4ZDoUizPtP4Qo7dOA8EAAzKMmBwpL2OE3j4vvQl9tCbWPeYeXIdl9kIexjVzj4bt0TBNT2PS5GP1PnXj583toiHZd2ZxVzBaqXnT6M/Unm/QBJckU8FefneGC7GNyGwKZPFM4avovPCnqbPMH7iYt1IM,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00007,00008,DSpUVLe08cfnzxxnnovLilHYdZelTBtioIy3NJUVAr9KyEPhhFFSnr8eeVf5YWDoxhDm8tct4Pk48zBcEEHdrQ2SP0tfJRl/UJiUDeoMGZGv/18/hqj+5vntrF7uRYOHZWFEMChbdOSQylVTaqwr6Aqp9BssVOgpm/YuzFhWB8k0h+EtWmL1HK9Iud7uQFu3cuhqbMpDHPKz7FQP1ABBlnTvoB+kykjGkKTcJIRhuFDcDK18uCkiqQPqVPKvShH19fRx5M0Wyi6gLTETYHJ9ROC7hADBl+2CC27kB3wMbJ8UkiuRczikGZf2hrOrzUFe+irqajvudcmYtVSU6fL6RITNY8LwtSoeCIEwSvCUTHwp,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00008,00008,EZNXz9XOXTsL6ttARP3NztXkBGdDRKCWNAAAAFNycXiIhx3kPLmbSYq0L0SqewO8z.,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00001,00006,?OTR:AAMDEjRWeAq83vABAAAAAwAAAAMAAADAwxiYGsNhZucQmLm/t7KgKI4vs9aG7NeBjAKJ1ICtwSlIvmiD7nKajMYCZ0EJblH3lJnXmaHoqOorzit571cgcuXAw534wiLtwWvW2ymNIJPIxEvzCWu063AbkCn6PVqsaf6zvZ3H/qwSzE65MNpOERCemgrB+ujvxVeK3vacchVkPBho4dDVSlkvxyXazOoSQx86IFRrayD5j98Wg+R8bwHRZ2FvW0KIsmRGaWsbeKBJxw5f8rJLvAwAeBIm5s9bAAAAAAAAAAEAAATpfSUXTW8CtYVR8YLBaaz8coP+r4UH4es3GKw4KoxqUJYpQVrtWh/zpj3,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00002,00006,gWTbv3c/eDoTruptFIUNQLexb0yD/ydrBWaNo9aevuVjYNYqFE9HTdoRjJVq65QxE/IY05dPvFVJLFKrFhO+y/bzwB+3WQkwPe9PGsGoZJmTzvnTFiPOcXv1q4uCopaxZVOnTWIBGBn/ItrmlD2keovBD5Q9nB0WjpCm+7YffHhn0EQUHYrH2AWAncDfuvQXYeh6Na2AiKSSeOnPinZTJftE4Hgf6gttHoGY3Vz2BaKXEgYEO5rWkwQQGNi9x3YSEQNxH3u7jCkez1eLQoCGU/McyBo5VTs8KRKnHRdlNWRxhdbqIWNuFY0jQYJfMI1VHz1MYRmzw76VkfREeiGVpr+GyGScw09AM5xgxyJbERCS,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00003,00006,i0WoG4tNqgzIg6WL7J+0qN4GbWWL4OTs50RVBeTrNslHBzPdBlSmLVflySz1iwhx4yOqCsaVX5Q5kITa1lOxYLLxpZyQLyAZVDwNuGvJOByo4TxH2eukxQs5NMY/pn7OJuu2Y/pWA/qgg1KkU6/gqQkhEvolo1JZYKe9Pn5HXJQ6FTT/glssmxihzrG0wqmU/yMRq+T09uUqwPX4FkSpAGqewezjfkam6wE1PRCNg6MugXvVsfiMG7KpoUKB0luh+ETZ1FSDB9AE3/XG8oEaEG2nmnCaApf3H5IB3M/oa4LmuboXu7uiKjenLC0kvv1uDCoCHSA2R6uDE6575h4x//3ytGLygesleTUxt/n10wan,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00004,00006,R88lEg44Pe6aUHP15EPuvBMjgiD2Xfx2uVo48IL6FrD5v+dWvOcy0fCuqrDsAa9RdL6t0fH9zoVYWgBLMxIr+aRNynoIt7hlw2xK5aTla8Va0wwQfzTS67Pq6OAiO82o3h/5PSToBE/1as22nDBh+uJXyKYW5zBww9rpyqGAJuflLB2TDDKtM1nXFHG8/U9+O313jRnHPgCG4dA+3mmCVx4OOJovwaG8BjpTw+GH55YAenecLyJCBgqEVeVIFZzKwsmFuiFHlY7kNjXEGKQMIwDYMPYnMw/bpQUY2bUYP17cOe6WDfxbij7Ylu3T4ylZitNHsbEtuNWSZDVFmDLA/q3OhIj+orrYTNh9mtgq1nxj,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00005,00006,/1J61JeFv5Ry2s2bE4mSEpD+ouCXHXLBAmXKKV3OSJ6Qkd7VBXWVimYSS+HkAQpOcudDoGEowK8GCkm63PnkXTllb5QgtJJQXU+o0w6Gv/J+w4FFeSYq5ETFfa3ZuTJ40hCNU0CTH+F4O97msSM9oIVMGhGyHCiTOPXp6j+Q5t1+8Z+igijxp/Sv2hN9ISp3TamJH/+wnjvBMBKAPXdJBLRBw0tWTemy/InRC1TEv5HR2b9+43IFgnFYiAbVEmXr/knZpH4TIVUbQUUtoQW6FNagqFkwF+5YkcFWwx+b1DbwK4t+pC16O3v9o7r1U/SXgn2sDVMCZbUnxbTb9fj7MGbswtOo9MVdR+Tf2muLWipe,"
    },
    {
      "from": "alice",
      "text": "?OTR|12345678|0abcdef0,00006,00006,w2hsK4H+ZXT6DbwnGuJmob0MozFfgYqd2z5YI8a4qJbG5pPX412TtenkUP+VdSlwo+LmYp12tRtGyTeJZkDUWcpxG/iRFLS8B5EVD200gPiIu1+cIu+pUy/V9dQpoS+O2dlu4hEfjl5NRyyy+xXlxKbq3anGlvmSffvUkKEyo9FMWvzvmnqZTCnlKqS1HPgUAAAAUd9jRN90D+WjoB2IA+aUzYux8W9Q=.,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00001,00003,?OTR:AAMDCrze8BI0VngBAAAAAwAAAAQAAADA2qtCLkJ3PQ9oxVeBRLqAjAb478efCU12OIe8QRMQlfmp+DRkY9cJ48UaA7jsCf8NK3eah7dwqLqBw8JNOBdMYR2VK97der3Ik7tHDxLUbwycGrCeu27omUWTCs6Z53t3VsufqkXCIQrxTdIsqP6zEoe2TmnqwzKPEHmcSMY1vtEKC/T37iWOFQ7tyvGz74B1tnHPhseQWGktRF+yGvh4Yb2NawgDi2x5mWbg4k0mpeq6USDQ45dO350um7alqulEAAAAAAAAAAEAAAG1cwGFr6PG7IOtE81cTmrlA1P6O6NDA0+Xt/bMOn50Tk2miVdo0iwfJQU,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00002,00003,sYfFzogQR0XctXoiYv/xHCZakSTO32oCBeaTHpBUzejf1hLNt40xeS5nec1jF0tTcyWXT1sz3njuIXkN0AxBxxZKkKECn+yjf1zznLecL68VwQp/y+QoocMX5GZxg/6Ydl7r6PVeqDTp/pjtxJWFkkzCA4G17iNjz7OD88DKCKieSpb3WChtRZ4kVxcWWrwLyDVM/j5uBDKW2ETqE/4PcE8YWXw9X/h8JjSZKx/hybb0xFVE/mZ2FiU9AnhApUl2l8d3RmuXhhfd2hxtBrfvTrFAuUCtIys2DilUnWqjdpszBVFau5Vuuq6gVLW0tel/12kL4UDoui4txvfNJEth3ocv+AUMgh4dRtZ9xfcqBz4v,"
    },
    {
      "from": "bob",
      "text": "?OTR|0abcdef0|12345678,00003,00003,KkNK8r9LggentiOfiXV0Bcan30WBH0POvpQZYOBWqV5dWwq4bulZs+GbMSY7dkOKaxiGlH1mbE3pvYwsnGudRfcyfnfN3lvnNznzko5M4e9fP2wQYpw7stUm/ORd8Xig/zy34i6ygpA9Fg1NQ7KELmMwSCLqSqKCHBdZYbJbtQJG3sk8M8tixhekbOCUZGwAAABT/z/RcJ00SeBqJghXI9kWJ/Z9XEg==.,"
    },
    {
      "from": "bob",
      "text": "?OTR:AAMDCrze8BI0VngAAAAAAwAAAAQAAADA2qtCLkJ3PQ9oxVeBRLqAjAb478efCU12OIe8QRMQlfmp+DRkY9cJ48UaA7jsCf8NK3eah7dwqLqBw8JNOBdMYR2VK97der3Ik7tHDxLUbwycGrCeu27omUWTCs6Z53t3VsufqkXCIQrxTdIsqP6zEoe2TmnqwzKPEHmcSMY1vtEKC/T37iWOFQ7tyvGz74B1tnHPhseQWGktRF+yGvh4Yb2NawgDi2x5mWbg4k0mpeq6USDQ45dO350um7alqulEAAAAAAAAAAIAAAANI3oPwwiHqoxu1gpQEyOwRh1YfCiFGGM8k0e77wBVoCzTAAAAAA==."
    },
    {
      "from": "alice",
      "text": "?OTR:AAMDEjRWeAq83vAAAAAABAAAAAQAAADAx6G5X84SQNQRSivU+yLqYMxQwBi8Es5dTnO74EqTIX3C1WqMK9tFQpVilfn2vMfTcElqvA1ouJ5Ksu3lEl8XOYGTp5H6LMOG1vqo7e7xpyaufGRxOrBYuQzuqvirbEIddrQGcGyZw9x8IomprgnYkI1SMS4TF4bocNDd8/XdjECAIv5gxqZK8F86Ac0hWpQ1Jw30WOFO+GPGZEM9//OQbrdiIRNpaGg+hhyp12v2CZkURX/W0LwPkx0a9berMDBeAAAAAAAAAAEAAAAJGwqGi3p4gLOGw+LHNYePv6FqxPy+UmV5fJ+QJ98AAAAUlhd+QedPQcc1tMDzfU9gZVThPYg=."
    },
    {
      "from": "bob",
      "text": "?OTR:AAMDCrze8BI0VngAAAAABAAAAAUAAADA6aj9KAMD8Vbsb/bInsvaGMmL7vmvaReoFztxXFVZd+a9KdKKvmrhw2zbYocBTS2ljjc0S8eUjEpv7Xt1WxJ9RvJoq+7PYGMVWrO0OZeHK7yURch+sDtqMwV+x+/06HI1MPHBzlwH+TUwgzI5ytsnvu9OxmMfNkzPXZQbPKeVLynSRjZPLjMD8myRfosXSlkg+kgAwlyFRTCz3xdENThMHxhSDSZjD6nhD/fW81F+FVUzm4LQTC+d7RnSD2ZMC8NZAAAAAAAAAAEAAAANAY8RZ2d3q4c+PM+brsfatANOJQAWTdJMD09it+2Ylao6AAAAFDbSTtzKqZlcHMY0I3/wk2TaT31L."
    }
  ]
};
